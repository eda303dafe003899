import type { RunningHub } from '../startHub';
import { call, signedBatch } from '../testKit';
import { signInAnnotators } from './labelingLoad';
import { publishTask } from './publishThroughProxy';
import type { Invariant } from './replicaInvariants';

/**
 * Read-your-writes across replicas: three annotators each label every item
 * of a small k = 3 task, each straight to its own replica; right after the
 * last batch is answered (by replica 3, which brings every item to k) the
 * requester reads each item from replicas 1 and 2. The hub promises a read
 * after an upload sees the item's decision, whichever process decides it.
 */
export async function decisionVisibleFromEveryReplica(proxy: RunningHub, replicas: RunningHub[], requesterKey: string, requesterToken: string, items: number): Promise<Invariant> {
  const task = await publishTask(proxy, { requesterKey, items, redundancy: 3, rewardPerItem: 1000n });
  const annotators = await signInAnnotators(proxy, 3);
  let itemIds: string[] = [];
  for (const [i, a] of annotators.entries()) {
    const via = replicas[i % replicas.length]!;
    const got = await call<{ items: { itemId: string }[] }>(via, 'POST', `/tasks/${task.taskId}/assignments`, { token: a.token, json: { count: items } });
    if (got.status !== 200 || got.body.items.length !== items) throw new Error(`read-after-upload probe: annotator ${i + 1} got ${got.body.items?.length ?? got.status} of ${items} items: ${JSON.stringify(got.body).slice(0, 200)}`);
    itemIds = got.body.items.map((x) => x.itemId);
    const signed = await signedBatch(proxy, a.wallet, task.taskId, itemIds.map((itemId) => ({ itemId, shapes: [{ className: 'car', box: { x: 40, y: 40, w: 120, h: 80 } }] })));
    const res = await call(via, 'POST', '/batches', { token: a.token, json: signed });
    if (res.status !== 200) throw new Error(`read-after-upload probe: batch refused by ${via.url}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const readers = replicas.slice(0, Math.max(1, replicas.length - 1));
  const stale: string[] = [];
  await Promise.all(
    itemIds.flatMap((itemId) =>
      readers.map(async (reader) => {
        const res = await call<{ status?: string }>(reader, 'GET', `/items/${itemId}`, { token: requesterToken });
        if (res.status !== 200 || res.body.status === 'open') stale.push(`${itemId.slice(0, 10)} via ${reader.url}: ${res.status} ${res.body.status ?? JSON.stringify(res.body)}`);
      }),
    ),
  );
  return {
    name: 'a decision is visible from every replica right after the last batch',
    ok: stale.length === 0,
    detail: stale.length ? `${stale.length} of ${itemIds.length * readers.length} reads still open: ${stale.slice(0, 3).join('; ')}` : `${itemIds.length} item(s) × ${readers.length} other replica(s) read decided`,
  };
}
