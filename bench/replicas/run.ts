/**
 * npm run bench:replicas — hub replicas: three hub processes (hub/replicas,
 * each `configFromEnv → startHub` in its own process) on one PostgreSQL and
 * one anvil chain, behind a round-robin proxy (Fastify + @fastify/reply-from).
 *
 * 1. Invariants under load: a requester uploads media (half straight to
 *    replica 1) and publishes a k = 3 task through the proxy, annotators
 *    sign in (SIWE) and label it with signed batches, while the operator
 *    presses "close epoch" on every replica at once, round after round.
 *    Then: one root per epoch on chain, every item decided once, none lost,
 *    media of replica 1 byte-identical from replicas 2 and 3.
 * 2. Throughput: the same labeling load through the proxy over 1, 2 and 3
 *    replicas (same processes, the proxy narrowed), orders rotated, medians
 *    of BENCH_REPLICA_RUNS runs; baseline = 1 replica in this run.
 *
 *   BENCH_REPLICA_RUNS=5 BENCH_REPLICA_ITEMS=90 BENCH_REPLICA_ANNOTATORS=12 BENCH_REPLICA_BATCH=5 npm run bench:replicas
 */
import os from 'node:os';
import { startReplicaCluster } from '../../hub/replicas/replicaCluster';
import { runReplicaScenario } from '../../hub/replicas/replicaScenario';
import { localChain } from './localChain';
import { measureThroughput, type ThroughputRun } from './throughput';

const RUNS = Number(process.env.BENCH_REPLICA_RUNS ?? 5);
const ITEMS = Number(process.env.BENCH_REPLICA_ITEMS ?? 90);
const ANNOTATORS = Number(process.env.BENCH_REPLICA_ANNOTATORS ?? 12);
const BATCH = Number(process.env.BENCH_REPLICA_BATCH ?? 5);
const REPLICAS = 3;

const load = () => os.loadavg()[0]!.toFixed(1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const t0 = Date.now();
  const cluster = await startReplicaCluster({ replicas: REPLICAS, startChain: localChain });
  const goals: string[] = [];
  try {
    console.log(`${REPLICAS} hub processes on one PostgreSQL (pids ${cluster.replicas.map((r) => r.pid).join(', ')}), media in a shared ${cluster.media.kind}, started in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${os.cpus().length} cores, load ${load()}`);

    const scenario = await runReplicaScenario(cluster, { annotators: ANNOTATORS, items: ITEMS, batchSize: BATCH, closeIntervalMs: 300 });
    const refused = Object.entries(scenario.closes.refused).map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
    console.log(
      `\ninvariants under load (${REPLICAS} replicas, ${ANNOTATORS} annotators, ${ITEMS} items × k = 3, batches of ${BATCH}): ${scenario.load.batches} batches in ${scenario.load.seconds.toFixed(1)} s, ` +
        `${scenario.load.errors.length} refused; epoch closes on every replica at once: ${scenario.closes.closed.length} posted (epochs ${scenario.closes.closed.join(', ') || '-'}), refused: ${refused}, failed: ${scenario.closes.failures.length}; final close: ${scenario.finalClose}`,
    );
    for (const e of [...scenario.load.errors, ...scenario.closes.failures].slice(0, 5)) console.log(`  ! ${e}`);
    for (const i of scenario.invariants) {
      console.log(`  ${i.ok ? 'held  ' : 'BROKEN'} ${i.name}: ${i.detail}`);
      goals.push(`${i.ok ? 'PASS' : 'MISS'} ${i.name}: ${i.detail} (goal: holds under concurrent load and closes)`);
    }

    console.log(`\nthroughput through the proxy (${ANNOTATORS} annotators at once, fresh ${ITEMS}-item k = 3 task per run, batches of ${BATCH}; batches/s = signed batches stored ÷ wall time from first work request to last answer, work req/s likewise; ${RUNS} run(s) per setting, orders rotated):`);
    const runs: ThroughputRun[] = [];
    const settings = [1, 2, 3];
    for (let r = 0; r < RUNS; r++) {
      const order = settings.map((_, i) => settings[(i + r) % settings.length]!);
      for (const n of order) {
        const run = await measureThroughput(cluster, n, { annotators: ANNOTATORS, items: ITEMS, batchSize: BATCH });
        runs.push(run);
        const cpu = run.cpuPerBatch;
        console.log(
          `  run ${r + 1}, ${n} replica(s): ${run.batchesPerSecond.toFixed(1)} batches/s, ${run.workRequestsPerSecond.toFixed(1)} work req/s (${run.batches} batches in ${run.seconds.toFixed(2)} s${run.errors.length ? `, ${run.errors.length} REFUSED: ${run.errors[0]}` : ''}) · ` +
            `CPU ms per batch: hubs ${(cpu.hubs * 1000).toFixed(0)}, PostgreSQL ${(cpu.postgres * 1000).toFixed(0)}, load+proxy ${(cpu.bench * 1000).toFixed(0)} · load ${load()}`,
        );
      }
    }
    const of = (n: number) => runs.filter((x) => x.replicas === n);
    const med = new Map(
      settings.map((n) => [
        n,
        {
          batches: median(of(n).map((x) => x.batchesPerSecond)),
          work: median(of(n).map((x) => x.workRequestsPerSecond)),
          range: `${Math.min(...of(n).map((x) => x.batchesPerSecond)).toFixed(1)}–${Math.max(...of(n).map((x) => x.batchesPerSecond)).toFixed(1)}`,
          hubsMs: median(of(n).map((x) => x.cpuPerBatch.hubs * 1000)),
          postgresMs: median(of(n).map((x) => x.cpuPerBatch.postgres * 1000)),
          benchMs: median(of(n).map((x) => x.cpuPerBatch.bench * 1000)),
        },
      ]),
    );
    const base = med.get(1)!;
    console.log('\nmedians:');
    for (const n of settings) {
      const m = med.get(n)!;
      console.log(
        `  ${n} replica(s): ${m.batches.toFixed(1)} batches/s (runs ${m.range}; ${(m.batches / base.batches).toFixed(2)}× 1 replica), ${m.work.toFixed(1)} work req/s (${(m.work / base.work).toFixed(2)}×); ` +
          `CPU ms per batch (with its work requests): hubs ${m.hubsMs.toFixed(0)}, PostgreSQL ${m.postgresMs.toFixed(0)}, load generator + proxy ${m.benchMs.toFixed(0)}`,
      );
    }
    const ratio = med.get(3)!.batches / base.batches;
    const refusedRuns = runs.filter((x) => x.errors.length > 0).length;
    const verdict = ratio >= 1.0 && refusedRuns === 0 ? 'PASS' : 'MISS';
    goals.unshift(
      `${verdict} throughput with 3 replicas vs 1: ${ratio.toFixed(2)}× (baseline 1 replica ${base.batches.toFixed(1)} batches/s, runs ${base.range} vs ${med.get(3)!.range} with 3; work requests ${(med.get(3)!.work / base.work).toFixed(2)}× of ${base.work.toFixed(1)}/s; CPU per batch, hubs + PostgreSQL, ${(med.get(3)!.hubsMs + med.get(3)!.postgresMs).toFixed(0)} ms with 3 vs ${(base.hubsMs + base.postgresMs).toFixed(0)} ms with 1) (goal ≥ 1.0×)${refusedRuns ? ` — ${refusedRuns} run(s) had refusals` : ''}`,
    );
    console.log(`\nforwarded by the proxy per replica over the whole bench: ${JSON.stringify(cluster.proxy.forwarded())}`);
  } finally {
    await cluster.stop();
  }
  console.log('\nGoals');
  for (const g of goals) console.log(g);
  if (goals.some((g) => g.startsWith('MISS'))) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
