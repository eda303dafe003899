import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil } from '../../native/chain';
import { findPostgresBin } from '../db/testPostgres';
import { startReplicaCluster, type ReplicaChain, type ReplicaCluster } from './replicaCluster';
import { runReplicaScenario, type ScenarioResult } from './replicaScenario';

/** anvil with the network deployed (hub code may not start it: a test may). */
async function localChain(): Promise<ReplicaChain> {
  const anvil = await startAnvil({ port: 0 });
  try {
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    return { rpcUrl: anvil.rpcUrl, ...network, operatorKey: ANVIL_DEPLOYER_KEY, stop: () => anvil.stop() };
  } catch (e) {
    await anvil.stop();
    throw e;
  }
}

// Three real hub processes on one real PostgreSQL and one anvil chain, behind the round-robin proxy.
describe.skipIf(!findPostgresBin())('three hub replicas on one PostgreSQL behind a round-robin proxy, under load', () => {
  let cluster: ReplicaCluster | undefined;
  let result: ScenarioResult;
  const invariant = (name: string) => result.invariants.find((i) => i.name === name)!;

  beforeAll(async () => {
    cluster = await startReplicaCluster({ replicas: 3, startChain: localChain });
    result = await runReplicaScenario(cluster, { annotators: 9, items: 60, batchSize: 5, closeIntervalMs: 400 });
    console.info(`replicas: ${result.load.batches} batches in ${result.load.seconds.toFixed(1)} s; closes ${JSON.stringify(result.closes)}; final close: ${result.finalClose}`);
    for (const i of result.invariants) console.info(`  ${i.ok ? 'held' : 'BROKEN'} ${i.name}: ${i.detail}`);
  }, 300_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 180_000);

  it('the proxy spread the load over all three replicas, and the load was answered without a refusal', () => {
    const forwarded = cluster!.proxy.forwarded();
    expect(Object.keys(forwarded)).toHaveLength(3);
    for (const n of Object.values(forwarded)) expect(n).toBeGreaterThan(10);
    expect(result.load.errors).toEqual([]);
    expect(result.load.submissions).toBe(60 * 3);
    expect(result.closes.failures).toEqual([]);
  });

  it('epoch closes raced on every replica: each epoch posted exactly once on chain and recorded once', () => {
    expect(result.closes.closed.length, JSON.stringify(result.closes)).toBeGreaterThan(0);
    expect(new Set(result.closes.closed).size).toBe(result.closes.closed.length);
    const { ok, detail } = invariant('no double epoch post');
    expect(ok, detail).toBe(true);
  });

  it('every item with k submissions was decided exactly once: no outcome recorded twice', () => {
    const { ok, detail } = invariant('every item decided exactly once');
    expect(ok, detail).toBe(true);
  });

  it('no item, batch or consensus lost', () => {
    const { ok, detail } = invariant('no item or consensus lost');
    expect(ok, detail).toBe(true);
  });

  // Every replica gets HUB_S3_* (one s3rver bucket): startHub opens the configured store, so any replica serves any upload.
  it('media uploaded through replica 1 downloads byte-identical straight from replicas 2 and 3', () => {
    const { ok, detail } = invariant('media uploaded through replica 1 readable through the others');
    expect(ok, detail).toBe(true);
  });

  it('an item decided after its last batch on replica 3 reads decided from replicas 1 and 2 at once', () => {
    const { ok, detail } = invariant('a decision is visible from every replica right after the last batch');
    expect(ok, detail).toBe(true);
  });
});
