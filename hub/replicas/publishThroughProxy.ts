import { createHash, randomBytes } from 'node:crypto';
import { Wallet } from 'ethers';
import { fundTask } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { call, signIn, TEST_SCHEMA } from '../testKit';

/** A requester's published task: its id, the bytes of each item's media (by sha256), and through which URL each was uploaded. */
export interface PublishedTask {
  taskId: string;
  task: string;
  items: number;
  media: Map<string, { bytes: Buffer; uploadedVia: string }>;
}

/** Random bytes of a few kilobytes: content-addressed storage cares about the bytes, not that they are an image. */
function mediaBytes(): Buffer {
  return randomBytes(2048 + Math.floor(Math.random() * 30_000));
}

/**
 * The requester uploads every item's media and publishes a k-redundant
 * task; its pool is funded on chain (epochTestKit's fundTask: from anvil's
 * account 0) for twice what its items pay at 1× (room for multipliers). `uploadVia(i)` says where item i's
 * bytes go (the proxy, or one replica directly); the task is created
 * through `hub`.
 */
export async function publishTask(
  hub: RunningHub,
  opts: { requesterKey: string; items: number; redundancy: number; rewardPerItem: bigint; uploadVia?: (i: number) => RunningHub },
): Promise<PublishedTask> {
  const requester = new Wallet(opts.requesterKey);
  const token = await signIn(hub, requester);
  const media = new Map<string, { bytes: Buffer; uploadedVia: string }>();
  const items = await Promise.all(
    Array.from({ length: opts.items }, async (_, i) => {
      const bytes = mediaBytes();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const via = opts.uploadVia?.(i) ?? hub;
      const put = await call(via, 'PUT', `/media/${sha256}`, { token, body: bytes });
      if (put.status !== 201 && put.status !== 200) throw new Error(`media upload through ${via.url} refused: ${put.status} ${JSON.stringify(put.body)}`);
      media.set(sha256, { bytes, uploadedVia: via.url });
      return { sha256, fileName: `item-${i}.bin`, width: 640, height: 480 };
    }),
  );
  const created = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
    token,
    json: { title: `replica load ${Date.now()}`, labelSchema: TEST_SCHEMA, redundancy: opts.redundancy, rewardPerItem: opts.rewardPerItem.toString(), items },
  });
  if (created.status !== 201) throw new Error(`task creation refused: ${created.status} ${JSON.stringify(created.body)}`);
  await fundTask(hub, created.body.task, 2n * BigInt(opts.items * opts.redundancy) * opts.rewardPerItem);
  return { taskId: created.body.taskId, task: created.body.task, items: opts.items, media };
}
