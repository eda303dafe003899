import { Wallet, type HDNodeWallet } from 'ethers';
import { uploadBatchRoute } from '../../core/hubApi/batches';
import { taskExportRoute } from '../../core/hubApi/export';
import { requestOf } from '../../core/hubApi/route';
import { grantRoleRoute } from '../../core/hubApi/roles';
import { createTaskRoute } from '../../core/hubApi/tasks';
import { uploadVerdictRoute } from '../../core/hubApi/verdicts';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { callRoute } from '../../hub/http/callRoute';
import type { RunningHub } from '../../hub/startHub';
import { assignWork } from '../../hub/tasks/assignWork';
import { box, signIn, signedBatch, startTestHub, TEST_SCHEMA } from '../../hub/testKit';
import { signedVerdict } from '../../hub/verdicts/verdictTestKit';

/**
 * A batch upload that met a connection reset (seen on a loaded machine:
 * the socket of a kept-alive connection closed under the request) is sent
 * again, unchanged, as the workstation's outbox would: the hub answers a
 * repeated batch with its first receipt. Anything else is thrown.
 */
let resets = 0;
async function uploadWithRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw error;
      resets++;
      console.log(`  (batch upload: connection reset, sent again; ${resets} so far)`);
    }
  }
}

/**
 * A real export of `itemCount` items: a hub on in-memory PGlite, k = 3
 * wallets signing batches of `batchSize` over HTTP (every 10th item one
 * annotator disagrees, every 50th item is disputed), a reviewer resolving
 * `verdicts` of the disputes with signed verdicts, then GET /tasks/:id/export.
 */
export interface MadeExport {
  zip: Uint8Array;
  itemCount: number;
  timings: { labelSeconds: number; exportSeconds: number };
}

function shapesFor(item: number, annotator: number): CanonicalShape[] {
  const base = [box('car', 10 + (item % 40), 20, 120.5, 80.25), box('person', 300, 40 + (item % 7), 40, 110)];
  if (item % 50 === 0) return [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][annotator]!;
  if (item % 10 === 0 && annotator === 2) return [box('car', 400, 300)];
  return base;
}

export async function makeExport(opts: { itemCount: number; batchSize: number; verdicts: number; format: string }): Promise<MadeExport> {
  const w = (): HDNodeWallet => Wallet.createRandom();
  const requester = w();
  const operator = w();
  const reviewer = w();
  const annotators = [w(), w(), w()];
  const hub: RunningHub = await startTestHub({ requesters: [requester.address], operators: [operator.address], verifyWorkers: 1, maxOpenAssignments: opts.itemCount });
  try {
    const requesterToken = await signIn(hub, requester);
    const operatorToken = await signIn(hub, operator);
    const reviewerToken = await signIn(hub, reviewer);
    await callRoute(hub, grantRoleRoute, { params: { address: reviewer.address }, body: { role: 'reviewer' } }, operatorToken);
    const { taskId } = await callRoute(
      hub,
      createTaskRoute,
      {
        body: {
          title: 'verify bench',
          labelSchema: TEST_SCHEMA,
          redundancy: 3,
          rewardPerItem: '1',
          items: Array.from({ length: opts.itemCount }, (_, i) => ({ sha256: `ab${i.toString(16).padStart(62, '0')}`, fileName: `img${i}.jpg`, width: 640, height: 480 })),
        },
      },
      requesterToken,
    );
    const indexOf = new Map<string, number>();
    const listed = await hub.context.db.query<{ id: string; idx: number }>('SELECT id, idx FROM items WHERE task_id = $1', [taskId]);
    for (const r of listed) indexOf.set(r.id, r.idx);
    const started = performance.now();
    for (const [a, wallet] of annotators.entries()) {
      const token = await signIn(hub, wallet);
      const assigned = await assignWork(hub.context, wallet.address, taskId, opts.itemCount);
      for (let b = 0; b < assigned.length; b += opts.batchSize) {
        const items = assigned.slice(b, b + opts.batchSize).map((it) => ({ itemId: it.itemId, shapes: shapesFor(indexOf.get(it.itemId)!, a) }));
        const signed = await signedBatch(hub, wallet, taskId, items);
        await uploadWithRetry(() => callRoute(hub, uploadBatchRoute, { body: signed }, token));
      }
    }
    await hub.context.consensusIdle();
    const disputed = await hub.context.db.query<{ id: string }>(`SELECT id FROM items WHERE task_id = $1 AND status = 'disputed' ORDER BY idx LIMIT $2`, [taskId, opts.verdicts]);
    for (const { id } of disputed) {
      await callRoute(hub, uploadVerdictRoute, { body: await signedVerdict(hub, reviewer, taskId, id, [box('car', 11, 10)]) }, reviewerToken);
    }
    const labelSeconds = (performance.now() - started) / 1000;
    const t0 = performance.now();
    const exported = requestOf(taskExportRoute, { params: { taskId }, query: { format: opts.format, disputed: 'include' } });
    const res = await fetch(`${hub.url}${exported.path}`, { headers: { authorization: `Bearer ${requesterToken}` } });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    const zip = new Uint8Array(await res.arrayBuffer());
    return { zip, itemCount: opts.itemCount, timings: { labelSeconds, exportSeconds: (performance.now() - t0) / 1000 } };
  } finally {
    await hub.close();
  }
}
