import { Wallet } from 'ethers';
import { localProvider } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { call, signIn } from '../testKit';
import { startCloseStorm, type CloseTally } from './closeStorm';
import { labelTask, signInAnnotators, type LoadTally } from './labelingLoad';
import { publishTask, type PublishedTask } from './publishThroughProxy';
import { decisionVisibleFromEveryReplica } from './readAfterUpload';
import { atAddress, remoteHub } from './remoteHub';
import type { ReplicaCluster } from './replicaCluster';
import { decidedExactlyOnce, mediaAcrossReplicas, noDoublePost, noneLost, openDatabase, undecidedReadyItems, type Invariant } from './replicaInvariants';

export interface ScenarioOptions {
  annotators: number;
  /** Items of the task; every item gets k = 3 submissions. */
  items: number;
  batchSize: number;
  /** How often the operator presses close on every replica at once. */
  closeIntervalMs: number;
  /** How long consensus may take to catch up once the load is answered. */
  drainTimeoutMs?: number;
}

export interface ScenarioResult {
  load: LoadTally;
  closes: CloseTally;
  finalClose: string;
  invariants: Invariant[];
}

const K = 3;

/**
 * The whole load through the proxy on a running cluster: the requester
 * uploads media (the first half straight to replica 1, the rest through
 * the proxy) and publishes a k = 3 task, annotators sign in and label it
 * concurrently while the operator closes epochs on every replica at once;
 * then consensus drains, a small task probes read-after-upload across
 * replicas, one last close rewards the rest, and every invariant is checked
 * against PostgreSQL, the chain and the replicas.
 */
export async function runReplicaScenario(cluster: ReplicaCluster, opts: ScenarioOptions): Promise<ScenarioResult> {
  const proxy = await remoteHub(cluster.proxy.url, cluster.chain.rpcUrl);
  const replicas: RunningHub[] = cluster.replicas.map((r) => atAddress(proxy, r.url));
  const provider = localProvider(cluster.chain.rpcUrl);
  const db = await openDatabase(cluster.databaseUrl);
  try {
    const task = await publishTask(proxy, {
      requesterKey: cluster.requesterKey,
      items: opts.items,
      redundancy: K,
      rewardPerItem: 1000n,
      uploadVia: (i) => (i < opts.items / 2 ? replicas[0]! : proxy),
    });
    const annotators = await signInAnnotators(proxy, opts.annotators);
    const operatorToken = await signIn(proxy, new Wallet(cluster.chain.operatorKey));
    const storm = startCloseStorm(replicas, operatorToken, opts.closeIntervalMs);
    let load: LoadTally;
    let closes: CloseTally;
    try {
      load = await labelTask(proxy, task.taskId, annotators, opts.batchSize);
    } finally {
      closes = await storm.stop();
    }
    const undecided = await waitForConsensus(db, [task.taskId], opts.drainTimeoutMs ?? 60_000);
    const requesterToken = await signIn(proxy, new Wallet(cluster.requesterKey));
    const readAfterUpload = await decisionVisibleFromEveryReplica(proxy, replicas, cluster.requesterKey, requesterToken, 6);
    const finalClose = await closeOnce(proxy, operatorToken);
    const invariants = [
      await noDoublePost(db, provider, cluster.chain.rewards),
      await decidedExactlyOnce(db, [task.taskId]),
      await noneLost(db, [task], load.batches, undecided),
      await mediaAcrossReplicas(task, replicas[0]!, replicas.slice(1), requesterToken),
      readAfterUpload,
    ];
    return { load, closes, finalClose, invariants };
  } finally {
    await db.end();
    provider.destroy();
  }
}

/** Polls until no item of the tasks waits with k submissions and no decision; answers those still waiting at the deadline. */
async function waitForConsensus(db: Awaited<ReturnType<typeof openDatabase>>, taskIds: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = await undecidedReadyItems(db, taskIds);
    if (waiting.length === 0 || Date.now() > deadline) return waiting;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One close through the proxy once the storm is over (rewards what the storm left); retried while a late close still holds the lock. */
async function closeOnce(proxy: RunningHub, operatorToken: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const res = await call<{ epoch?: string; error?: string; message?: string }>(proxy, 'POST', '/epochs/close', { token: operatorToken });
    if (res.status === 200) return `epoch ${res.body.epoch} posted`;
    if (res.status === 409 && res.body.error === 'nothing_to_reward') return 'nothing left to reward';
    if (res.status !== 409 || res.body.error !== 'epoch_close_in_progress' || attempt > 50) throw new Error(`final close refused: ${res.status} ${res.body.error}: ${res.body.message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type { PublishedTask };
