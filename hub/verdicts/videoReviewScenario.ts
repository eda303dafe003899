import { Wallet } from 'ethers';
import { clipItem, twoClips } from '../consensus/videoTestLabels';
import type { HubConfig } from '../config';
import type { RunningHub } from '../startHub';
import { call, sha, signIn, TEST_SCHEMA, type AnyWallet } from '../testKit';
import { labelTask } from './verdictTestKit';

/**
 * Test support for video review: a k = 3 task of two clips (consensus/videoTestLabels.ts `twoClips`)
 * labeled by three annotators — clip 0 accepted (annotator 2's track drifts), clip 1 disputed on its
 * segments (annotator 1 swaps the shots' tags) — a reviewer who labeled nothing, the requester and an operator.
 */
export interface VideoReviewScenario {
  hub: RunningHub;
  annotators: { wallet: AnyWallet; token: string }[];
  reviewer: { wallet: AnyWallet; token: string };
  requesterToken: string;
  operatorToken: string;
  taskId: string;
  /** Task hash (bytes32), as the chain knows it. */
  task: string;
  items: { accepted: string; disputed: string };
}

export async function buildVideoReviewScenario(
  start: (config: Partial<HubConfig> & { requesters: string[]; operators: string[] }) => Promise<RunningHub>,
  opts: { annotators?: AnyWallet[]; reviewer?: AnyWallet; operator?: AnyWallet; rewardPerItem?: string; reviewerFee?: string } = {},
): Promise<VideoReviewScenario> {
  const requester = Wallet.createRandom();
  const operator = opts.operator ?? Wallet.createRandom();
  const hub = await start({ requesters: [requester.address], operators: [operator.address] });
  const requesterToken = await signIn(hub, requester);
  const operatorToken = await signIn(hub, operator);
  const wallets = opts.annotators ?? [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
  const annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub, wallet) })));
  const reviewerWallet = opts.reviewer ?? Wallet.createRandom();
  const reviewer = { wallet: reviewerWallet, token: await signIn(hub, reviewerWallet) };
  const granted = await call(hub, 'POST', `/accounts/${reviewerWallet.address}/roles`, { token: operatorToken, json: { role: 'reviewer' } });
  if (granted.status !== 200) throw new Error(`reviewer grant failed: ${JSON.stringify(granted.body)}`);
  const created = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
    token: requesterToken,
    json: {
      title: 'video review',
      labelSchema: TEST_SCHEMA,
      redundancy: 3,
      rewardPerItem: opts.rewardPerItem ?? '1000',
      reviewerFee: opts.reviewerFee ?? '0',
      items: [0, 1].map((i) => clipItem(sha(Math.floor(Math.random() * 1e12) * 10 + i), i)),
    },
  });
  if (created.status !== 201) throw new Error(`video task creation failed: ${JSON.stringify(created.body)}`);
  const [accepted, disputed] = await labelTask(hub, created.body.taskId, annotators, 2, twoClips);
  return { hub, annotators, reviewer, requesterToken, operatorToken, taskId: created.body.taskId, task: created.body.task, items: { accepted: accepted!, disputed: disputed! } };
}
