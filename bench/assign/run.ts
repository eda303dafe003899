/**
 * npm run bench:assign — assignment on a task of 1,000,000 items with 1,000
 * annotators asking, on a real PostgreSQL server (hub/db/testPostgres.ts),
 * through the function POST /tasks/:taskId/assignments calls (assignWork),
 * against a same-run baseline: the rule before issue 15 (oldAssignRule.ts)
 * on an identical task in the same database. See README.md.
 */
import { getAddress, hexlify, randomBytes } from 'ethers';
import { findPostgresBin, startTestPostgres } from '../../hub/db/testPostgres';
import { openPostgresDb } from '../../hub/db/postgresDb';
import { openPgliteDb } from '../../hub/db/pgliteDb';
import { migrate } from '../../hub/db/migrations';
import type { Db } from '../../hub/db/adapter';
import { assignWork } from '../../hub/tasks/assignWork';
import { recountOpenSlots } from '../../hub/tasks/openSlots';
import { benchContext } from './benchContext';
import { percentile, runAtRate, runConcurrently, summary } from './measure';
import { assignByOldRule } from './oldAssignRule';
import { seedTask } from './seedTask';
import { submitAllHeld, createAnnotatorBatches } from './submitHeld';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ITEMS = env('BENCH_ITEMS', 1_000_000);
const ANNOTATORS = env('BENCH_ANNOTATORS', 1_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 32);
const WAVES = env('BENCH_WAVES', 2);
const ASK = env('BENCH_ASK', 50);
const K = env('BENCH_K', 3);
const BASELINE_REQUESTS = env('BENCH_BASELINE_REQUESTS', 50);
const PGLITE_ITEMS = env('BENCH_PGLITE_ITEMS', 20_000);
const PGLITE_REQUESTS = env('BENCH_PGLITE_REQUESTS', 100);
const SERIAL_REQUESTS = env('BENCH_SERIAL_REQUESTS', 100);
// Each of the annotators asking once every ANNOTATORS / RATE seconds (1,000 at 20/s: every 50 s, for 50 items each).
const RATE = env('BENCH_RATE', 20);
const RATE_REQUESTS = env('BENCH_RATE_REQUESTS', 400);
const GOAL_P95_MS = 20;

const REQUESTER = getAddress(hexlify(randomBytes(20)));
const annotators = Array.from({ length: ANNOTATORS }, () => getAddress(hexlify(randomBytes(20))));
const shuffled = <T>(xs: T[]) => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
const timed = async <T>(what: string, fn: () => Promise<T>) => {
  const t0 = performance.now();
  const out = await fn();
  console.log(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
};

/** Waves of work requests: every annotator asks for ASK items once per wave (in a random order), then submits everything it holds (untimed). */
async function newRuleWaves(db: Db, taskId: string, label: string) {
  const ctx = benchContext(db);
  const latencies: number[] = [];
  let seconds = 0;
  let items = 0;
  for (let wave = 0; wave < WAVES; wave++) {
    const r = await runConcurrently(
      shuffled(annotators).map((a) => async () => {
        const got = await assignWork(ctx, a, taskId, ASK);
        items += got.length;
      }),
      CONCURRENCY,
    );
    console.log(`  ${summary(`${label} wave ${wave + 1}`, r)}`);
    latencies.push(...r.latencies);
    seconds += r.seconds;
    await submitAllHeld(db, taskId);
  }
  return { latencies, seconds, items };
}

async function main() {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (Debian `postgresql`)');
  console.log(`assignment bench: ${ITEMS.toLocaleString('en')} items, k = ${K}, ${ANNOTATORS} annotators, ${CONCURRENCY} requests in flight, ${WAVES} waves of one request (count ${ASK}) per annotator`);
  const server = await startTestPostgres(bin);
  const db = await openPostgresDb(server.url, CONCURRENCY + 2);
  try {
    await migrate(db);
    await timed(`seed the task (${ITEMS.toLocaleString('en')} items, generate_series, not measured)`, () => seedTask(db, { taskId: 'task_bench_new', requester: REQUESTER, items: ITEMS, redundancy: K }));
    await createAnnotatorBatches(db, 'task_bench_new', annotators);
    await db.query('ANALYZE');

    console.log(`\nPostgreSQL, this hub's rule (assignWork: slot counters, items_pickable, FOR UPDATE SKIP LOCKED):`);
    const fresh = await newRuleWaves(db, 'task_bench_new', 'new rule');
    console.log(`  ${summary('new rule, all waves', fresh)}; ${fresh.items.toLocaleString('en')} items handed out`);
    // The same requests one at a time: each request's own cost, without waiting behind the others in flight.
    const lone = await runConcurrently(shuffled(annotators).slice(0, SERIAL_REQUESTS).map((a) => () => assignWork(benchContext(db), a, 'task_bench_new', ASK)), 1);
    console.log(`  ${summary('new rule, one request at a time', lone)}`);
    await submitAllHeld(db, 'task_bench_new');
    // The annotators asking as people do, independently at a steady rate: the latency one of them sees.
    const steady = await runAtRate(shuffled(annotators).concat(shuffled(annotators)).slice(0, RATE_REQUESTS).map((a) => () => assignWork(benchContext(db), a, 'task_bench_new', ASK)), RATE);
    console.log(`  ${summary(`new rule, ${RATE_REQUESTS} requests arriving at ${RATE}/s (open loop)`, steady)}`);
    await submitAllHeld(db, 'task_bench_new');
    const check = await recountOpenSlots(db, 'task_bench_new');
    const [worst] = await db.query<{ n: number; dup: number }>(
      `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM assignments WHERE task_id = 'task_bench_new' GROUP BY item_id) t`,
    );
    console.log(`  check: slot counter ${check.counter.toLocaleString('en')} = recount ${check.recount.toLocaleString('en')}: ${check.counter === check.recount}; items whose counters disagree with their rows: ${check.itemsDrift}; most annotators on one item: ${worst!.n} (k = ${K})`);
    if (check.counter !== check.recount || check.itemsDrift !== 0 || worst!.n > K) throw new Error('assignment broke an invariant: see the check line');

    // The baseline runs last on the same task: it does not keep the new counters, and its cost (a scan of the task under
    // the task lock) hardly depends on the few percent of slots the waves took.
    console.log(`\nPostgreSQL, baseline on the same task: the old rule (task-row lock, O(task) free-slot sum, reputation catch-up with its global advisory lock), ${BASELINE_REQUESTS} requests:`);
    // The old rule's seeks read items_open_shuffle, which migration 11 dropped (nothing else read it): built back, untimed, as its schema had it.
    await timed('  items_open_shuffle built back for the old rule (untimed)', () => db.query(`CREATE INDEX IF NOT EXISTS items_open_shuffle ON items(task_id, shuffle) WHERE status = 'open'`));
    const baseCtx = benchContext(db);
    const baseTask = { id: 'task_bench_new', redundancy: K };
    const base = await runConcurrently(
      shuffled(annotators).slice(0, BASELINE_REQUESTS).map((a) => () => assignByOldRule(baseCtx, a, baseTask, ASK)),
      CONCURRENCY,
    );
    console.log(`  ${summary('old rule', base)}`);

    let pglite: string | null = null;
    if (PGLITE_ITEMS > 0) {
      console.log(`\nPGlite (in memory, one connection: requests run one at a time), ${PGLITE_ITEMS.toLocaleString('en')} items, ${PGLITE_REQUESTS} requests, for context:`);
      const lite = await openPgliteDb();
      try {
        await migrate(lite);
        await timed('  seed (not measured)', () => seedTask(lite, { taskId: 'task_bench_lite', requester: REQUESTER, items: PGLITE_ITEMS, redundancy: K }));
        await lite.query('ANALYZE');
        const ctx = benchContext(lite);
        const r = await runConcurrently(annotators.slice(0, PGLITE_REQUESTS).map((a) => () => assignWork(ctx, a, 'task_bench_lite', ASK)), CONCURRENCY);
        // Its background ANALYZE (keepStatistics) must not fire after the close below ("PGlite is closed").
        await ctx.statistics.close();
        pglite = summary('  new rule on PGlite', r);
        console.log(pglite);
      } finally {
        await lite.close();
      }
    }

    const p95 = percentile(fresh.latencies, 95);
    const baseP95 = percentile(base.latencies, 95);
    console.log(`\nratio: old rule p95 / new rule p95 = ${(baseP95 / p95).toFixed(0)}×; requests/s ${(fresh.latencies.length / fresh.seconds).toFixed(0)} vs ${(base.latencies.length / base.seconds).toFixed(1)}`);
    const steadyP95 = percentile(steady.latencies, 95);
    console.log('\nGoals');
    console.log(
      `${steadyP95 <= GOAL_P95_MS ? 'PASS' : 'MISS'} assignment p95 on ${ITEMS.toLocaleString('en')} items, ${ANNOTATORS.toLocaleString('en')} annotators asking independently at ${RATE}/s in all (PostgreSQL, open loop): ${steadyP95.toFixed(1)} ms (baseline old rule ${baseP95.toFixed(0)} ms at ${CONCURRENCY} in flight) (goal ≤ ${GOAL_P95_MS} ms)`,
    );
    console.log(
      `${p95 <= GOAL_P95_MS ? 'PASS' : 'MISS'} assignment p95 on ${ITEMS.toLocaleString('en')} items, ${ANNOTATORS.toLocaleString('en')} annotators, saturated (${CONCURRENCY} always in flight, ${(fresh.latencies.length / fresh.seconds).toFixed(0)} requests/s): ${p95.toFixed(1)} ms (baseline ${baseP95.toFixed(0)} ms) (goal ≤ ${GOAL_P95_MS} ms)`,
    );
  } finally {
    await db.close();
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
