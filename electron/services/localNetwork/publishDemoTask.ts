import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { Wallet } from 'ethers';
import { connectRpc, fundTask } from '../../../native/chain';
import { ensureDemoFolder } from '../media/demoFolder';
import { createTaskRoute } from '../../../core/hubApi/tasks';
import { putMediaRoute } from '../../../core/hubApi/media';
import { routeRequest } from '../hub/hubHttp';
import { localAccount } from './localHubAccounts';

/** The demo tasks' classes: what the demo images show (by colour: orange-red boxes are vehicles, amber discs signs, green shapes trees). */
export const DEMO_LABEL_SCHEMA = {
  classes: [
    { id: 'vehicle', name: 'vehicle', color: '#d9480f', attributes: [] },
    { id: 'sign', name: 'sign', color: '#f59f00', attributes: [] },
    { id: 'tree', name: 'tree', color: '#2b8a3e', attributes: [] },
  ],
};

/** 1 token (18 decimals) per accepted item. */
export const DEMO_REWARD_PER_ITEM = (10n ** 18n).toString();

/** Where a demo task's pool lives: the local chain and its contracts. */
export interface DemoChain {
  rpcUrl: string;
  rewards: string;
  token: string;
}

export interface DemoTaskTerms {
  title: string;
  redundancy: number;
  /** Which demo images (demoFolder's file names) the task holds. */
  fileNames: readonly string[];
  reviewerFee?: string;
  instructions?: string;
}

/**
 * Publishes demo images as a task on the local hub, through its public HTTP
 * API as `requesterKey`: media uploaded by sha256, then the task, then its
 * pool funded on chain (approve + deposit, twice what the items can pay at 1×
 * with every annotator agreeing and a reviewer's fee, so the highest
 * multiplier is covered too).
 */
export async function publishDemoTask(hubUrl: string, dataDir: string, chain: DemoChain, requesterKey: string, terms: DemoTaskTerms): Promise<{ taskId: string }> {
  const requester = localAccount(requesterKey).client;
  const folder = await ensureDemoFolder(dataDir);
  const items = [];
  for (const fileName of terms.fileNames) {
    const bytes = await readFile(path.join(folder, fileName));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { width, height } = await sharp(bytes).metadata();
    const upload = routeRequest(putMediaRoute, { params: { sha256 } }, { bytes });
    await requester.authedFetch(hubUrl, upload.path, upload.request);
    items.push({ sha256, fileName, width: width!, height: height! });
  }
  const { title, redundancy, reviewerFee, instructions } = terms;
  const task = await requester.call(hubUrl, createTaskRoute, {
    body: { title, labelSchema: DEMO_LABEL_SCHEMA, redundancy, rewardPerItem: DEMO_REWARD_PER_ITEM, items, ...(reviewerFee ? { reviewerFee } : {}), ...(instructions ? { instructions } : {}) },
  });
  const provider = connectRpc(chain.rpcUrl);
  try {
    const perItem = BigInt(DEMO_REWARD_PER_ITEM) * BigInt(redundancy) + BigInt(reviewerFee ?? '0');
    await fundTask(new Wallet(requesterKey, provider), chain.rewards, chain.token, task.task, 2n * BigInt(items.length) * perItem);
  } finally {
    provider.destroy();
  }
  return { taskId: task.taskId };
}
