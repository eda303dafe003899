/**
 * Hub ingest benchmark: signed batches of 1,000 items each, uploaded over
 * HTTP to a hub on PGlite (a data directory, as `npm run hub` uses), each
 * one verified (canonical labels → merkle root, EIP-712 digest, signer
 * recovery) and stored in one transaction; consensus runs as items reach
 * k = 3. Goal (issue 5): ≥ 200 batches/s on 2 cores. Batches are built and
 * signed before the clock starts (that is the workstations' work).
 *
 *   npm run bench:sync            (runs this after gas.ts)
 *   BENCH_BATCHES=120 BENCH_WORKERS=1 BENCH_CONCURRENCY=8 tsx bench/sync/ingest.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { defaultVerifyWorkers } from '../../hub/batches/batchVerifier';
import { verifyBatchBody } from '../../hub/batches/verifyBatchBody';
import { startHub } from '../../hub/startHub';
import { assignWork } from '../../hub/tasks/assignWork';
import { call, signIn, signedBatch, TEST_SCHEMA } from '../../hub/testKit';
import { groundworkDomain } from '../../core/sync/eip712';

const ITEMS_PER_BATCH = 1000;
const ANNOTATORS = 3;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 120);
const WORKERS = Number(process.env.BENCH_WORKERS ?? defaultVerifyWorkers());
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const GOAL = 200;

const perAnnotator = Math.ceil(BATCHES / ANNOTATORS);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));

function shapesFor(i: number) {
  return [
    { className: 'car', box: { x: 10 + (i % 50), y: 20, w: 120.5, h: 80.25 } },
    { className: 'person', box: { x: 300, y: 40 + (i % 7), w: 40, h: 110 } },
    { className: 'car', box: { x: 500, y: 300, w: 90, h: 60 } },
  ];
}

async function main() {
  const requester = Wallet.createRandom();
  const annotators = Array.from({ length: ANNOTATORS }, () => Wallet.createRandom());
  const t0 = Date.now();
  const hub = await startHub({
    chainId: 31337,
    rewardsContract: Wallet.createRandom().address,
    token: Wallet.createRandom().address,
    dataDir: path.join(dir, 'pgdata'),
    requesters: [requester.address],
    operators: [],
    verifyWorkers: WORKERS,
  });
  console.log(`hub on PGlite (${path.join(dir, 'pgdata')}) started in ${Date.now() - t0} ms; ${WORKERS} verify worker(s), ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  try {
    const reqToken = await signIn(hub, requester);
    const itemCount = perAnnotator * ITEMS_PER_BATCH;
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: reqToken,
      json: {
        title: 'ingest bench',
        labelSchema: TEST_SCHEMA,
        redundancy: ANNOTATORS,
        rewardPerItem: '1',
        items: Array.from({ length: itemCount }, (_, i) => ({ sha256: i.toString(16).padStart(64, '0'), fileName: `i${i}.jpg`, width: 640, height: 480 })),
      },
    });
    const taskId = created.body.taskId;
    const tokens = await Promise.all(annotators.map((a) => signIn(hub, a)));
    const bodies: { token: string; body: string }[] = [];
    const t1 = Date.now();
    // Setup, not measured: every annotator gets all items at once (k = 3 annotators), straight from assignWork (the route caps count at 10,000).
    const assigned = await Promise.all(annotators.map((a) => assignWork(hub.context, a.address, taskId, itemCount)));
    for (let b = 0; b < perAnnotator; b++) {
      for (const [a, wallet] of annotators.entries()) {
        const items = assigned[a]!.slice(b * ITEMS_PER_BATCH, (b + 1) * ITEMS_PER_BATCH).map((it, i) => ({ itemId: it.itemId, shapes: shapesFor(i + a) }));
        const signed = await signedBatch(hub, wallet, taskId, items, { nonce: BigInt(b + 1) });
        bodies.push({ token: tokens[a]!, body: JSON.stringify(signed) });
      }
    }
    const batches = bodies.slice(0, BATCHES);
    const kib = batches.reduce((s, b) => s + b.body.length, 0) / batches.length / 1024;
    console.log(`prepared ${batches.length} signed batches × ${ITEMS_PER_BATCH} items (${kib.toFixed(0)} KiB each) in ${Date.now() - t1} ms`);

    // Verification alone, one thread, for the breakdown.
    const domain = groundworkDomain({ chainId: 31337, verifyingContract: hub.context.config.rewardsContract });
    const tv = performance.now();
    const sample = batches.slice(0, 20);
    for (const b of sample) if (!verifyBatchBody(b.body, domain, { maxItemsPerBatch: 5000, maxShapesPerItem: 2000 }).ok) throw new Error('sample batch did not verify');
    const verifyPerSec = sample.length / ((performance.now() - tv) / 1000);

    let next = 0;
    let failures = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const b = batches[next++]!;
          const res = await fetch(`${hub.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' }, body: b.body });
          const receipt = (await res.json()) as { duplicate?: boolean; error?: string; message?: string };
          if (res.status !== 200 || receipt.duplicate !== false) {
            failures++;
            if (failures <= 3) console.error(`batch refused: ${res.status} ${receipt.error}: ${receipt.message}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const rate = batches.length / seconds;
    const [stored] = await hub.context.db.query<{ batches: number; accepted: number }>(
      `SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM items WHERE status = 'accepted') AS accepted`,
    );
    console.log(`verification alone (main thread, 1 core): ${verifyPerSec.toFixed(0)} batches/s`);
    console.log(`stored ${stored!.batches} batches (${failures} refused), ${stored!.accepted} items accepted by consensus, in ${seconds.toFixed(2)} s`);
    console.log(`hub ingest: ${rate.toFixed(1)} batches/s of ${ITEMS_PER_BATCH} items (${((rate * ITEMS_PER_BATCH) / 1000).toFixed(0)}k items/s), goal ≥ ${GOAL}/s: ${rate >= GOAL ? 'PASS' : 'MISS'}`);
    if (failures > 0 || stored!.batches !== batches.length) process.exitCode = 1;
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
