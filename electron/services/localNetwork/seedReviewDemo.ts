import { Wallet } from 'ethers';
import { grantRoleRoute } from '../../../core/hubApi/roles';
import { ANVIL_ACCOUNTS, connectRpc, testTokenAt } from '../../../native/chain';
import { localOperator, REVIEW_DEMO_REQUESTER } from './localHubAccounts';
import { publishDemoTask, DEMO_REWARD_PER_ITEM, type DemoChain } from './publishDemoTask';
import { annLabelBeside, benLabelBeside, DISPUTED_FILES, DISPUTED_LABELS, LABEL_BESIDE_FILES } from './reviewDemoLabels';
import { labelAsSimulatedAnnotator } from './simulatedAnnotator';

export const LABEL_BESIDE_TITLE = 'Demo (k = 3): label beside two simulated annotators';
export const DISPUTED_TITLE = 'Demo (k = 3): disputes waiting for a reviewer';
/** Half a token to the reviewer of each resolved item. */
export const DEMO_REVIEWER_FEE = (10n ** 17n * 5n).toString();

const LABEL_BESIDE_INSTRUCTIONS = `Box every object of the three classes:

- **vehicle**: the orange-red rectangles
- **sign**: the amber discs
- **tree**: the green shapes

Blue and purple shapes are none of them: leave them.

Two simulated annotators labeled these images before you. Ann is careful but missed something; Ben disagrees with her on two images. Each item needs three annotators, so your submission decides: where you agree with one of them the item is accepted, where nobody has a majority it goes to a reviewer.`;

/** Tokens for the review demo's requester: what its two pools take, from the quick demo's requester (who holds the minted supply). */
async function fundRequester(chain: DemoChain, amount: bigint): Promise<void> {
  const provider = connectRpc(chain.rpcUrl);
  try {
    const transfer = await testTokenAt(chain.token, new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider)).transfer(REVIEW_DEMO_REQUESTER.address, amount);
    if ((await transfer.wait())?.status !== 1) throw new Error(`the review demo's requester was not funded (tx ${transfer.hash})`);
  } finally {
    provider.destroy();
  }
}

/**
 * The k = 3 demo, so every mode can be reached on one machine: a task already
 * labeled by two simulated annotators who disagree (the user's submission
 * decides it, and leaves a dispute), and a task three of them took to
 * disputes that the user, made reviewer on their own local network, can
 * resolve (a reviewer never reviews an item they labeled, so these disputes
 * must come from items the user was never given). Published by anvil account 2,
 * made requester by the operator as `npm run hub -- grant requester` would.
 */
export async function seedReviewDemo(hubUrl: string, dataDir: string, chain: DemoChain): Promise<{ labelBesideTaskId: string; disputedTaskId: string }> {
  await localOperator().call(hubUrl, grantRoleRoute, { params: { address: REVIEW_DEMO_REQUESTER.address }, body: { role: 'requester' } });
  const perItem = 3n * BigInt(DEMO_REWARD_PER_ITEM) + BigInt(DEMO_REVIEWER_FEE);
  await fundRequester(chain, 2n * perItem * BigInt(LABEL_BESIDE_FILES.length + DISPUTED_FILES.length));
  const terms = { redundancy: 3, reviewerFee: DEMO_REVIEWER_FEE };
  const labelBeside = await publishDemoTask(hubUrl, dataDir, chain, REVIEW_DEMO_REQUESTER.privateKey, {
    ...terms,
    title: LABEL_BESIDE_TITLE,
    fileNames: LABEL_BESIDE_FILES,
    instructions: LABEL_BESIDE_INSTRUCTIONS,
  });
  await labelAsSimulatedAnnotator(hubUrl, labelBeside.taskId, annLabelBeside);
  await labelAsSimulatedAnnotator(hubUrl, labelBeside.taskId, benLabelBeside);
  const disputed = await publishDemoTask(hubUrl, dataDir, chain, REVIEW_DEMO_REQUESTER.privateKey, { ...terms, title: DISPUTED_TITLE, fileNames: DISPUTED_FILES });
  for (const labels of Object.values(DISPUTED_LABELS)) await labelAsSimulatedAnnotator(hubUrl, disputed.taskId, labels);
  return { labelBesideTaskId: labelBeside.taskId, disputedTaskId: disputed.taskId };
}
