/**
 * Hub ingest benchmark: signed batches uploaded over HTTP to a hub on PGlite
 * (a data directory, as `npm run hub` uses), each one verified (canonical
 * labels → merkle root, EIP-712 digest, signer recovery) and stored in one
 * transaction; consensus runs in the background as items reach k = 3.
 * Goal (issue 5): ≥ 200 batches/s on 2 cores. Two sizes are measured:
 * 1,000-item batches (item-bound: hashing and per-item rows) and 10-item
 * batches (signature- and request-bound: what "batches per second" costs
 * when batches are small). Batches are built and signed before the clock
 * starts (that is the workstations' work). A serial pass first times each
 * stage of one 1,000-item batch. Load average is printed: on a shared box
 * the figures move with it.
 *
 *   npm run bench:sync            (runs this after gas.ts)
 *   BENCH_BATCHES=60 BENCH_SMALL_BATCHES=600 BENCH_WORKERS=2 BENCH_CONCURRENCY=8 tsx bench/sync/ingest.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { verifyBatchBody } from '../../hub/batches/verifyBatchBody';
import { storeBatch } from '../../hub/batches/storeBatch';
import { finalizeItems } from '../../hub/consensus/finalizeItems';
import { callRoute } from '../../hub/http/callRoute';
import { startHub, type RunningHub } from '../../hub/startHub';
import { assignWork } from '../../hub/tasks/assignWork';
import { GENEROUS_RATE_LIMITS, signIn, signedBatch, TEST_SCHEMA } from '../../hub/testKit';
import { uploadBatchRoute } from '../../core/hubApi/batches';
import { parseResponse, requestOf } from '../../core/hubApi/route';
import { createTaskRoute } from '../../core/hubApi/tasks';
import { groundworkDomain } from '../../core/sync/eip712';

const ANNOTATORS = 3;
const BIG_BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const SMALL_BATCHES = Number(process.env.BENCH_SMALL_BATCHES ?? 600);
const STAGE_BATCHES = 6;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const GOAL = 200;

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
const load = () => os.loadavg()[0]!.toFixed(1);

function shapesFor(i: number) {
  return [
    { className: 'car', box: { x: 10 + (i % 50), y: 20, w: 120.5, h: 80.25 } },
    { className: 'person', box: { x: 300, y: 40 + (i % 7), w: 40, h: 110 } },
    { className: 'car', box: { x: 500, y: 300, w: 90, h: 60 } },
  ];
}

interface Setup {
  hub: RunningHub;
  requesterToken: string;
  annotators: HDNodeWallet[];
  tokens: string[];
}

/** A task with enough items for `batches` batches of `size` items across 3 annotators (k = 3), and the signed bodies, setup only. */
async function prepare(s: Setup, size: number, batches: number): Promise<{ taskId: string; bodies: { token: string; body: string }[] }> {
  const perAnnotator = Math.ceil(batches / ANNOTATORS);
  const itemCount = perAnnotator * size;
  const { taskId } = await callRoute(
    s.hub,
    createTaskRoute,
    {
      body: {
        title: `ingest bench ${size}`,
        labelSchema: TEST_SCHEMA,
        redundancy: ANNOTATORS,
        rewardPerItem: '1',
        items: Array.from({ length: itemCount }, (_, i) => ({ sha256: `${size.toString(16).padStart(8, '0')}${i.toString(16).padStart(56, '0')}`, fileName: `i${i}.jpg`, width: 640, height: 480 })),
      },
    },
    s.requesterToken,
  );
  // Every annotator gets all items at once, straight from assignWork (the route caps count at 10,000).
  const assigned = await Promise.all(s.annotators.map((a) => assignWork(s.hub.context, a.address, taskId, itemCount)));
  const bodies: { token: string; body: string }[] = [];
  for (let b = 0; b < perAnnotator; b++) {
    for (const [a, wallet] of s.annotators.entries()) {
      const items = assigned[a]!.slice(b * size, (b + 1) * size).map((it, i) => ({ itemId: it.itemId, shapes: shapesFor(i + a) }));
      const signed = await signedBatch(s.hub, wallet, taskId, items, { nonce: BigInt(Date.now()) * 1000n + BigInt(bodies.length) });
      bodies.push({ token: s.tokens[a]!, body: JSON.stringify(signed) });
    }
  }
  return { taskId, bodies: bodies.slice(0, batches) };
}

/** One 1,000-item batch at a time through each stage on the main thread: where the time goes. */
async function stageBreakdown(s: Setup): Promise<void> {
  const { bodies } = await prepare(s, 1000, STAGE_BATCHES);
  const domain = groundworkDomain({ chainId: s.hub.context.config.chainId, verifyingContract: s.hub.context.config.rewardsContract });
  const t = { verify: 0, store: 0, consensus: 0 };
  for (const b of bodies) {
    let t0 = performance.now();
    const v = verifyBatchBody(b.body, domain, { maxItemsPerBatch: 5000, maxShapesPerItem: 2000 });
    if (!v.ok) throw new Error(`stage batch refused: ${v.message}`);
    t.verify += performance.now() - t0;
    t0 = performance.now();
    await storeBatch(s.hub.context, v);
    t.store += performance.now() - t0;
    t0 = performance.now();
    await finalizeItems(s.hub.context, v.itemIds);
    t.consensus += performance.now() - t0;
  }
  const per = (ms: number) => (ms / bodies.length).toFixed(1);
  console.log(`stages per 1,000-item batch (serial, main thread, load ${load()}): verify ${per(t.verify)} ms · store ${per(t.store)} ms · consensus ${per(t.consensus)} ms (amortised: it runs on every 3rd batch of an item)`);
}

async function run(s: Setup, size: number, count: number): Promise<boolean> {
  const { taskId, bodies } = await prepare(s, size, count);
  const loadBefore = load();
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const b = bodies[next++]!;
        // The body is signed and serialised ahead of the clock (prepare): only the upload is timed.
        const res = await fetch(`${s.hub.url}${requestOf(uploadBatchRoute).path}`, { method: uploadBatchRoute.method, headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' }, body: b.body });
        const answer: unknown = await res.json();
        const receipt = res.status === 200 ? parseResponse(uploadBatchRoute, answer) : (answer as { duplicate?: boolean; error?: string; message?: string });
        if (res.status !== 200 || receipt.duplicate !== false) {
          failures++;
          if (failures <= 3) console.error(`batch refused: ${res.status} ${receipt.error}: ${receipt.message}`);
        }
      }
    }),
  );
  const answered = (performance.now() - start) / 1000;
  await s.hub.context.consensusIdle();
  const drained = (performance.now() - start) / 1000;
  const [stored] = await s.hub.context.db.query<{ batches: number; accepted: number }>(
    `SELECT (SELECT count(*)::int FROM batches WHERE task_id = $1) AS batches, (SELECT count(*)::int FROM items WHERE task_id = $1 AND status = 'accepted') AS accepted`,
    [taskId],
  );
  const rate = bodies.length / answered;
  const verdict = rate >= GOAL ? 'PASS' : 'MISS';
  console.log(
    `${String(size).padStart(4)}-item batches: ${rate.toFixed(1)} batches/s, ${Math.round(rate * size).toLocaleString('en')} items/s ` +
      `(${bodies.length} batches answered in ${answered.toFixed(2)} s; consensus on ${stored!.accepted} items done ${(drained - answered).toFixed(2)} s later: ` +
      `${(bodies.length / drained).toFixed(1)} batches/s with it) · goal ≥ ${GOAL} batches/s: ${verdict} · load ${loadBefore} → ${load()}`,
  );
  const ok = failures === 0 && stored!.batches === bodies.length && stored!.accepted === Math.floor(bodies.length / ANNOTATORS) * size;
  if (!ok) console.error(`${size}-item run: ${failures} refused, ${stored!.batches} stored, ${stored!.accepted} accepted: expected all stored and every complete item accepted`);
  return ok;
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
    // Ingest throughput, not abuse limits: every annotator takes thousands of items and uploads as fast as it can.
    maxOpenAssignments: 1_000_000,
    rateLimit: GENEROUS_RATE_LIMITS,
  });
  console.log(`hub on PGlite started in ${Date.now() - t0} ms; ${WORKERS} verify worker(s), ${os.cpus().length} cores, concurrency ${CONCURRENCY}, load ${load()}`);
  try {
    const s: Setup = { hub, requesterToken: await signIn(hub, requester), annotators, tokens: await Promise.all(annotators.map((a) => signIn(hub, a))) };
    await stageBreakdown(s);
    const big = await run(s, 1000, BIG_BATCHES);
    const small = await run(s, 10, SMALL_BATCHES);
    if (!big || !small) process.exitCode = 1;
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
