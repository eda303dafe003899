/**
 * Hub ingest benchmark, consensus included: signed batches uploaded over HTTP
 * to a hub on PGlite (a data directory, as `npm run hub` uses), each one
 * verified (canonical labels → merkle root, EIP-712 digest, signer recovery)
 * and stored in one transaction that also enqueues the decision job of the
 * items it completed (k = 3: every third batch of an item completes it). The
 * clock stops when every item that reached k is decided — the job queue
 * drained — so the figure is what a user meets, not just the answers.
 * Scoring follows decisions as a delayed job: what of it runs during a run
 * counts for that run; what is left when the run ends is done before the
 * next one, untimed and printed, so no run pays for the one before it (a
 * hub in steady state pays it as it goes).
 *
 * Same-run baseline: the same kind of batches into a hub whose job workers
 * are off (`work: false`): batches stored and jobs enqueued, nothing decided.
 * The ratio shows what consensus costs on top of ingest.
 *
 * Goals (issue 15): 1,000-item batches at ≥ 40/s and 10-item batches at
 * ≥ 200/s, consensus included, on PGlite. Batches are built and signed
 * before the clock starts (that is the workstations' work). A serial pass
 * first times each stage of one 1,000-item batch on the main thread, and the
 * baseline hub times the two writes under the 1,000-item goal as bare
 * statements (storeFloor.ts): the floor no tuning of the rest can go below.
 * Load average is printed: on a shared box the figures move with it.
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
import { catchUpReputation } from '../../hub/reputation/catchUp';
import { loadSubmissions } from '../../hub/consensus/loadSubmissions';
import { callRoute } from '../../hub/http/callRoute';
import { startHub, type RunningHub } from '../../hub/startHub';
import { assignWork } from '../../hub/tasks/assignWork';
import { GENEROUS_RATE_LIMITS, signIn, signedBatch, TEST_SCHEMA } from '../../hub/testKit';
import { uploadBatchRoute } from '../../core/hubApi/batches';
import { parseResponse, requestOf } from '../../core/hubApi/route';
import { createTaskRoute } from '../../core/hubApi/tasks';
import { groundworkDomain } from '../../core/sync/eip712';
import { FLOOR_ROUNDS, measureStoreFloor, type StoreFloor } from './storeFloor';

const ANNOTATORS = 3;
const BIG_BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const SMALL_BATCHES = Number(process.env.BENCH_SMALL_BATCHES ?? 600);
const STAGE_BATCHES = 6;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const GOALS: Record<number, number> = { 1000: 40, 10: 200 };

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

/** A task of `itemCount` items (k = 3), every item assigned to each of the 3 annotators: setup only. */
async function assignedTask(s: Setup, size: number, itemCount: number): Promise<{ taskId: string; assigned: { itemId: string }[][] }> {
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
  return { taskId, assigned: await Promise.all(s.annotators.map((a) => assignWork(s.hub.context, a.address, taskId, itemCount))) };
}

/** A task with enough items for `batches` batches of `size` items across 3 annotators (k = 3), and the signed bodies, setup only. */
async function prepare(s: Setup, size: number, batches: number): Promise<{ taskId: string; bodies: { token: string; body: string }[] }> {
  const perAnnotator = Math.ceil(batches / ANNOTATORS);
  const { taskId, assigned } = await assignedTask(s, size, perAnnotator * size);
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
  const t = { verify: 0, store: 0, load: 0, consensus: 0 };
  let decidedBatches = 0;
  for (const b of bodies) {
    let t0 = performance.now();
    const v = verifyBatchBody(b.body, domain, { maxItemsPerBatch: 5000, maxShapesPerItem: 2000 });
    if (!v.ok) throw new Error(`stage batch refused: ${v.message}`);
    t.verify += performance.now() - t0;
    t0 = performance.now();
    await storeBatch(s.hub.context, v);
    t.store += performance.now() - t0;
    t0 = performance.now();
    const ready = await loadSubmissions(s.hub.context.db, v.itemIds, { readyOnly: true });
    t.load += performance.now() - t0;
    if (ready.length === 0) continue;
    decidedBatches++;
    t0 = performance.now();
    await finalizeItems(s.hub.context, v.itemIds);
    t.consensus += performance.now() - t0;
  }
  await s.hub.context.consensusIdle();
  const per = (ms: number, n = bodies.length) => (ms / Math.max(1, n)).toFixed(1);
  console.log(
    `stages of one 1,000-item batch (serial, main thread, load ${load()}): verify ${per(t.verify)} ms (parse, canonical labels, keccak tree, signer recovery; in worker threads when served) · ` +
      `store ${per(t.store)} ms (one transaction, the decision job included) · consensus on the 1,000 items a completing batch brings to k: ${per(t.consensus, decidedBatches)} ms, of which loading their submissions ${per(t.load, decidedBatches)} ms`,
  );
}

interface RunResult {
  size: number;
  batches: number;
  answeredS: number;
  drainedS: number;
  latencies: number[];
  decided: number;
  ok: boolean;
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function run(s: Setup, size: number, count: number, decide: boolean): Promise<RunResult> {
  const { taskId, bodies } = await prepare(s, size, count);
  let next = 0;
  let failures = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const b = bodies[next++]!;
        const t0 = performance.now();
        try {
          // The body is signed and serialised ahead of the clock (prepare): only the upload is timed.
          const res = await fetch(`${s.hub.url}${requestOf(uploadBatchRoute).path}`, { method: uploadBatchRoute.method, headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' }, body: b.body });
          const text = await res.text();
          latencies.push(performance.now() - t0);
          const answer: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { error: 'not_json', message: text.slice(0, 200) };
          const receipt = res.status === 200 ? parseResponse(uploadBatchRoute, answer) : (answer as { duplicate?: boolean; error?: string; message?: string });
          if (res.status !== 200 || receipt.duplicate !== false) {
            failures++;
            if (failures <= 3) console.error(`batch refused: ${res.status} ${receipt.error}: ${receipt.message}`);
          }
        } catch (e) {
          // Counted, not fatal: the run still reports what was stored and decided.
          failures++;
          if (failures <= 3) console.error(`batch upload failed: ${(e as Error).message} (${String((e as { cause?: Error }).cause?.message ?? '')})`);
        }
      }
    }),
  );
  const answeredS = (performance.now() - start) / 1000;
  if (decide) await s.hub.context.consensusIdle();
  const drainedS = (performance.now() - start) / 1000;
  const [stored] = await s.hub.context.db.query<{ batches: number; decided: number; ready: number }>(
    `SELECT (SELECT count(*)::int FROM batches WHERE task_id = $1) AS batches,
       (SELECT count(*)::int FROM items WHERE task_id = $1 AND status <> 'open') AS decided,
       (SELECT count(*)::int FROM items WHERE task_id = $1 AND ready_at IS NOT NULL) AS ready`,
    [taskId],
  );
  const complete = Math.floor(bodies.length / ANNOTATORS) * size;
  const ok = failures === 0 && stored!.batches === bodies.length && stored!.ready === complete && stored!.decided === (decide ? complete : 0);
  if (!ok) console.error(`${size}-item run: ${failures} refused, ${stored!.batches} stored, ${stored!.ready} ready, ${stored!.decided} decided: expected all stored, ${complete} ready${decide ? ' and decided' : ''}`);
  return { size, batches: bodies.length, answeredS, drainedS, latencies, decided: stored!.decided, ok };
}

function describeRun(label: string, r: RunResult): string {
  const rate = r.batches / r.drainedS;
  return (
    `${label} ${String(r.size).padStart(4)}-item batches: ${rate.toFixed(1)} batches/s, ${Math.round(rate * r.size).toLocaleString('en')} items/s ` +
    `(${r.batches} batches; answered in ${r.answeredS.toFixed(2)} s, ${r.decided.toLocaleString('en')} items decided, drained at ${r.drainedS.toFixed(2)} s) · ` +
    `latency p50 ${quantile(r.latencies, 0.5).toFixed(0)} ms, p95 ${quantile(r.latencies, 0.95).toFixed(0)} ms · load ${load()}`
  );
}

/** Scores what a run decided and the delayed job has not scored yet, before the next run is timed (see the header). */
async function scoreWhatIsDecided(s: Setup, what: string): Promise<void> {
  const t0 = performance.now();
  await catchUpReputation(s.hub.context);
  console.log(`  scoring what ${what} decided, between runs (not timed): ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}

async function withHub<T>(name: string, work: boolean, fn: (s: Setup) => Promise<T>): Promise<T> {
  const requester = Wallet.createRandom();
  const annotators = Array.from({ length: ANNOTATORS }, () => Wallet.createRandom());
  const t0 = Date.now();
  const hub = await startHub(
    {
      chainId: 31337,
      rewardsContract: Wallet.createRandom().address,
      token: Wallet.createRandom().address,
      dataDir: path.join(dir, name),
      requesters: [requester.address],
      operators: [],
      verifyWorkers: WORKERS,
      // Ingest throughput, not abuse limits: every annotator takes thousands of items and uploads as fast as it can.
      maxOpenAssignments: 1_000_000,
      rateLimit: GENEROUS_RATE_LIMITS,
    },
    { jobs: { work } },
  );
  console.log(`${name}: hub on PGlite started in ${Date.now() - t0} ms (job workers ${work ? 'on' : 'off'}); ${WORKERS} verify worker(s), ${os.cpus().length} cores, concurrency ${CONCURRENCY}, load ${load()}`);
  try {
    return await fn({ hub, requesterToken: await signIn(hub, requester), annotators, tokens: await Promise.all(annotators.map((a) => signIn(hub, a))) });
  } finally {
    await hub.close();
  }
}

/** The floor under the 1,000-item goal on this hub's PGlite (storeFloor.ts), on a fresh task's assignments: 1,000 rows a round, none written twice. */
async function storeFloorOf(s: Setup): Promise<StoreFloor> {
  const { taskId } = await assignedTask(s, 1000, FLOOR_ROUNDS * 1000);
  const [batch] = await s.hub.context.db.query<{ id: bigint }>('SELECT id FROM batches ORDER BY id LIMIT 1');
  return measureStoreFloor(s.hub.context.db, taskId, s.annotators[0]!.address, batch!.id);
}

async function main() {
  const baseline = await withHub('baseline', false, async (s) => ({ big: await run(s, 1000, BIG_BATCHES, false), small: await run(s, 10, SMALL_BATCHES, false), floor: await storeFloorOf(s) }));
  console.log('Baseline: batches stored and decision jobs enqueued, no job worker (nothing decided):');
  console.log(describeRun('  baseline ', baseline.big));
  console.log(describeRun('  baseline ', baseline.small));
  const f = baseline.floor;
  console.log(
    `Floor under the 1,000-item goal, bare statements on the baseline hub's PGlite (rolled back; median of ${FLOOR_ROUNDS} rounds on fresh rows, min and first in brackets): ` +
      `marking 1,000 assignments submitted ${f.markMs.toFixed(1)} ms (${f.markMinMs.toFixed(1)}, ${f.markFirstMs.toFixed(1)}), writing 1,000 decisions ${f.decideMs.toFixed(1)} ms (${f.decideMinMs.toFixed(1)}, ${f.decideFirstMs.toFixed(1)}) ` +
      `(one batch in 3 pays it): ${f.perBatchMs.toFixed(1)} ms a batch, so at most ${(1000 / f.perBatchMs).toFixed(0)} batches/s ` +
      `from these two writes alone on the one connection, before the batch row, readiness, jobs, HTTP and scoring (the goal, 40/s, leaves 25 ms a batch for all of it)`,
  );
  const withJobs = await withHub('consensus', true, async (s) => {
    await stageBreakdown(s);
    await scoreWhatIsDecided(s, 'the stage batches');
    const big = await run(s, 1000, BIG_BATCHES, true);
    await scoreWhatIsDecided(s, 'the 1,000-item run');
    return { big, small: await run(s, 10, SMALL_BATCHES, true) };
  });
  console.log('Consensus included: the clock stops when every item that reached k is decided (job queue drained):');
  console.log(describeRun('  consensus', withJobs.big));
  console.log(describeRun('  consensus', withJobs.small));
  console.log('\nGoals');
  for (const key of ['big', 'small'] as const) {
    const r = withJobs[key];
    const b = baseline[key];
    const rate = r.batches / r.drainedS;
    const base = b.batches / b.drainedS;
    const goal = GOALS[r.size]!;
    console.log(
      `${rate >= goal && r.ok ? 'PASS' : 'MISS'} ${r.size.toLocaleString('en')}-item batches/s on PGlite, consensus included (drained): ${rate.toFixed(1)}/s, ${(rate / base).toFixed(2)}× the baseline (baseline ${base.toFixed(1)}/s, stored without deciding) (goal ≥ ${goal}/s)`,
    );
  }
  if (![baseline.big, baseline.small, withJobs.big, withJobs.small].every((r) => r.ok)) process.exitCode = 1;
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
