import { labelTask, signInAnnotators } from '../../hub/replicas/labelingLoad';
import { publishTask } from '../../hub/replicas/publishThroughProxy';
import { remoteHub } from '../../hub/replicas/remoteHub';
import type { ReplicaCluster } from '../../hub/replicas/replicaCluster';
import { postgresPids, startCpuMeter } from './cpuMeter';

export interface ThroughputOptions {
  annotators: number;
  items: number;
  batchSize: number;
}

/** One timed pass through the proxy: batches/s and work requests/s, with refusals counted (a run with refusals is not a figure). */
export interface ThroughputRun {
  replicas: number;
  batchesPerSecond: number;
  workRequestsPerSecond: number;
  batches: number;
  seconds: number;
  /** CPU seconds per stored batch during the timed load: all hub replicas together, PostgreSQL (server and backends), this process (load generator + proxy). */
  cpuPerBatch: { hubs: number; postgres: number; bench: number };
  errors: string[];
}

/**
 * The same labeling load through the proxy over the first `replicas`
 * replicas: a fresh k = 3 task (published and funded before the clock),
 * fresh annotators signed in before the clock; timed from the first work
 * request to the last batch answered. Everything shares this machine: the
 * load's signing and the proxy run in this process, beside the hubs and
 * PostgreSQL.
 */
export async function measureThroughput(cluster: ReplicaCluster, replicas: number, opts: ThroughputOptions): Promise<ThroughputRun> {
  cluster.proxy.use(cluster.replicas.slice(0, replicas).map((r) => r.url));
  const proxy = await remoteHub(cluster.proxy.url, cluster.chain.rpcUrl);
  const task = await publishTask(proxy, { requesterKey: cluster.requesterKey, items: opts.items, redundancy: 3, rewardPerItem: 1000n });
  const annotators = await signInAnnotators(proxy, opts.annotators);
  const meter = startCpuMeter({ hubs: () => cluster.replicas.map((r) => r.pid), postgres: () => postgresPids(cluster.databaseUrl), bench: () => [process.pid] });
  const load = await labelTask(proxy, task.taskId, annotators, opts.batchSize);
  const cpu = meter();
  return {
    replicas,
    batchesPerSecond: load.batches / load.seconds,
    workRequestsPerSecond: load.workRequests / load.seconds,
    batches: load.batches,
    seconds: load.seconds,
    cpuPerBatch: { hubs: cpu.hubs! / load.batches, postgres: cpu.postgres! / load.batches, bench: cpu.bench! / load.batches },
    errors: load.errors,
  };
}
