import { ANVIL_ACCOUNTS } from '../../../native/chain';
import { demoFileNames } from '../media/demoFolder';
import { publishDemoTask, type DemoChain } from './publishDemoTask';

export { DEMO_LABEL_SCHEMA, DEMO_REWARD_PER_ITEM, type DemoChain } from './publishDemoTask';

/** The quick demo's title: k = 1 says a newcomer's own labels are accepted and paid without anyone else. */
export const QUICK_DEMO_TITLE = 'Demo (k = 1, paid at once): street, park and yard';

/**
 * Publishes all the demo images as the quick demo task, as the requester
 * (anvil account 1). Each item goes to one annotator (redundancy 1), so a
 * single workstation sees its labels accepted and paid.
 */
export async function seedDemoTask(hubUrl: string, dataDir: string, chain: DemoChain): Promise<{ taskId: string }> {
  return publishDemoTask(hubUrl, dataDir, chain, ANVIL_ACCOUNTS[1].privateKey, { title: QUICK_DEMO_TITLE, redundancy: 1, fileNames: demoFileNames });
}
