import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { Wallet } from 'ethers';
import { ANVIL_ACCOUNTS, connectRpc, fundTask } from '../../../native/chain';
import { demoFileNames, ensureDemoFolder } from '../media/demoFolder';
import { createTaskRoute } from '../../../core/hubApi/tasks';
import { putMediaRoute } from '../../../core/hubApi/media';
import { routeRequest } from '../hub/hubHttp';
import { localRequester } from './localHubAccounts';

/** The demo task's classes: what the demo images show. */
export const DEMO_LABEL_SCHEMA = {
  classes: [
    { id: 'vehicle', name: 'vehicle', color: '#d9480f', attributes: [] },
    { id: 'sign', name: 'sign', color: '#f59f00', attributes: [] },
    { id: 'tree', name: 'tree', color: '#2b8a3e', attributes: [] },
  ],
};

/** 1 token (18 decimals) per accepted item. */
export const DEMO_REWARD_PER_ITEM = (10n ** 18n).toString();

/** Where the demo task's pool lives: the local chain and its contracts. */
export interface DemoChain {
  rpcUrl: string;
  rewards: string;
  token: string;
}

/**
 * Publishes the demo images as a task on a fresh local hub, through its public
 * HTTP API as the requester: media uploaded by sha256, then the task, then its
 * pool funded on chain (approve + deposit, twice what the items pay at 1×, so
 * the highest multiplier is covered too). Each item goes to one annotator
 * (redundancy 1), so a single workstation sees its labels accepted and paid.
 */
export async function seedDemoTask(hubUrl: string, dataDir: string, chain: DemoChain): Promise<{ taskId: string }> {
  const requester = localRequester();
  const folder = await ensureDemoFolder(dataDir);
  const items = [];
  for (const fileName of demoFileNames) {
    const bytes = await readFile(path.join(folder, fileName));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { width, height } = await sharp(bytes).metadata();
    const upload = routeRequest(putMediaRoute, { params: { sha256 } }, { bytes });
    await requester.authedFetch(hubUrl, upload.path, upload.request);
    items.push({ sha256, fileName, width: width!, height: height! });
  }
  const task = await requester.call(hubUrl, createTaskRoute, {
    body: { title: 'Demo: street, park and yard', labelSchema: DEMO_LABEL_SCHEMA, redundancy: 1, rewardPerItem: DEMO_REWARD_PER_ITEM, items },
  });
  const provider = connectRpc(chain.rpcUrl);
  try {
    await fundTask(new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider), chain.rewards, chain.token, task.task, 2n * BigInt(items.length) * BigInt(DEMO_REWARD_PER_ITEM));
  } finally {
    provider.destroy();
  }
  return { taskId: task.taskId };
}
