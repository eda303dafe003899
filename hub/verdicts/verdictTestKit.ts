import { groundworkDomain } from '../../core/sync/eip712';
import { itemLabelHash, type CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { itemIdToBytes32, taskIdToBytes32 } from '../../core/sync/labelBatch';
import { VERDICT_TYPES } from '../../core/sync/verdict';
import type { RunningHub } from '../startHub';
import { call, signedBatch, type AnyWallet } from '../testKit';

/** Test helpers for the review flow: real EIP-712 verdicts signed with ethers, as the workstation signs them. */

export interface VerdictOptions {
  nonce?: string;
  deadline?: number;
  /** Sign these labels but upload `shapes` (tampering). */
  signedShapes?: CanonicalShape[];
  /** A video item's final tracks, frame tags and segments (uploaded and signed, version-2 hash). */
  video?: CanonicalVideoLabels;
  /** Sign these video labels but upload `video` (tampering). */
  signedVideo?: CanonicalVideoLabels;
  reasons?: { index: number; reason: string }[];
}

export async function signedVerdict(hub: RunningHub, wallet: AnyWallet, taskId: string, itemId: string, shapes: CanonicalShape[], opts: VerdictOptions = {}) {
  const verdict = {
    reviewer: wallet.address,
    task: taskIdToBytes32(taskId),
    item: itemIdToBytes32(itemId),
    labelsHash: itemLabelHash(itemId, opts.signedShapes ?? shapes, opts.signedVideo ?? opts.video),
    nonce: opts.nonce ?? String(BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000))),
    deadline: opts.deadline ?? Math.floor(Date.now() / 1000) + 3600,
  };
  const domain = groundworkDomain({ chainId: hub.context.config.chainId, verifyingContract: hub.context.config.rewardsContract });
  const signature = await wallet.signTypedData(domain, VERDICT_TYPES, verdict);
  return { verdict, signature, itemId, shapes, ...(opts.video ? { video: opts.video } : {}), reasons: opts.reasons ?? shapes.map((_, index) => ({ index, reason: 'ok' })) };
}

/**
 * Each annotator takes `count` items of the task and uploads `labelsFor(annotatorIndex, itemIndex)` for them:
 * shapes, or a video item's `{ shapes, video }`. Returns the item ids.
 */
export async function labelTask(
  hub: RunningHub,
  taskId: string,
  annotators: { wallet: AnyWallet; token: string }[],
  count: number,
  labelsFor: (annotator: number, item: number, itemId: string) => CanonicalShape[] | { shapes: CanonicalShape[]; video: CanonicalVideoLabels },
): Promise<string[]> {
  let itemIds: string[] = [];
  for (const [a, { wallet, token }] of annotators.entries()) {
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count } });
    if (got.status !== 200) throw new Error(`assignment failed: ${JSON.stringify(got.body)}`);
    itemIds = got.body.items.map((i) => i.itemId);
    const items = itemIds.map((itemId, k) => {
      const labels = labelsFor(a, k, itemId);
      return Array.isArray(labels) ? { itemId, shapes: labels } : { itemId, ...labels };
    });
    const signed = await signedBatch(hub, wallet, taskId, items);
    const res = await call(hub, 'POST', '/batches', { token, json: signed });
    if (res.status !== 200) throw new Error(`batch failed: ${JSON.stringify(res.body)}`);
  }
  await hub.context.consensusIdle();
  return itemIds;
}
