import { Wallet, parseUnits } from 'ethers';
import type { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { loadRewardsTree, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import type { ChainClient } from '../epochs/chainClient';
import { claimServed, distributor, earnRewards, localProvider, rootsPosted, servedProof, type Annotator } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { call, signIn, startChainTestHub } from '../testKit';

type CloseReply = { epoch: string; root: string; txHash: string | null; recovered?: boolean; error?: string; message?: string };

describe('attack: a root is mined on chain but the hub never records it', () => {
  let anvil: AnvilHandle | undefined;
  let hub: RunningHub | undefined;
  let provider: JsonRpcProvider;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  let realChain: ChainClient;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reward = parseUnits('3', 18);
  let annotators: Annotator[];
  let requesterToken: string;
  let operatorToken: string;

  const close = () => call<CloseReply>(hub!, 'POST', '/epochs/close', { token: operatorToken });
  const epochsInDb = async () => (await call<{ epochs: { epoch: string; status: string; txHash: string | null }[] }>(hub!, 'GET', '/epochs')).body.epochs;
  /** The operator itself, outside the hub: what a hub that crashed after sending left on chain. */
  const postDirectly = async (epoch: bigint, root: string, allocations: ReadonlyMap<string, bigint> = new Map()) => {
    const tx = await distributor(network.rewards, operator.connect(provider)).getFunction('postRoot')(epoch, root, [...allocations.keys()], [...allocations.values()]);
    return (await tx.wait())!.hash as string;
  };

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    provider = localProvider(anvil.rpcUrl);
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startChainTestHub(anvil, network, { operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
    realChain = hub.context.chain!;
    requesterToken = await signIn(hub, requester);
    operatorToken = await signIn(hub, operator);
    annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub!, wallet) })));
  }, 180_000);
  afterAll(async () => {
    if (hub) hub.context.chain = realChain;
    provider?.destroy();
    await hub?.close();
    await anvil?.stop();
  }, 120_000);

  it('the operator key posted the pending root itself (the hub crashed before recording): the next close records it, with its transaction, and the served proof claims', async () => {
    await earnRewards(hub!, requesterToken, annotators, 1, reward);
    // The hub builds epoch 1 and stores it pending, then its RPC fails before anything is sent.
    hub!.context.chain = { ...realChain, postRoot: async () => Promise.reject(new Error('connect ECONNREFUSED (simulated)')) };
    const failed = await close();
    expect(failed.status).toBe(502);
    expect(failed.body.error).toBe('root_post_failed');
    const [pending] = await epochsInDb();
    expect(pending).toMatchObject({ epoch: '1', status: 'pending', txHash: null });
    // Before recovery nobody can claim: no posted epoch, no proof.
    expect((await servedProof(hub!, wallets[0]!.address)).claims).toEqual([]);

    const [row] = await hub!.context.db.query<{ root: string; tree: RewardsTreeDump }>('SELECT root, tree FROM epochs WHERE epoch = 1');
    const directTx = await postDirectly(1n, row!.root, loadRewardsTree(row!.tree).allocations());
    hub!.context.chain = realChain;

    const recovered = await close();
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    expect(recovered.body).toMatchObject({ epoch: '1', root: row!.root, txHash: directTx, recovered: true });
    expect(await epochsInDb()).toEqual([expect.objectContaining({ epoch: '1', status: 'posted', txHash: directTx })]);
    // Recorded, not re-posted: the chain saw exactly one RootPosted.
    expect((await rootsPosted(provider, network.rewards)).map((r) => r.epoch)).toEqual([1n]);
    expect(await claimServed(hub!, provider, network.rewards, network.token, wallets[0]!)).toBe(reward);
  });

  it('the chain client throws after its transaction was mined (receipt timeout): the next close records that transaction instead of posting again', async () => {
    await earnRewards(hub!, requesterToken, annotators, 1, reward);
    let minedTx: string | undefined;
    hub!.context.chain = {
      ...realChain,
      async postRoot(epoch, root, allocations) {
        minedTx = (await realChain.postRoot(epoch, root, allocations)).txHash;
        throw new Error('timeout waiting for the receipt (simulated)');
      },
    };
    const failed = await close();
    expect(failed.status).toBe(502);
    expect(failed.body.message).toMatch(/stays pending/);
    expect(minedTx).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await realChain.currentEpoch()).toBe(2n);
    expect((await epochsInDb()).find((e) => e.epoch === '2')?.status).toBe('pending');
    // Still serving epoch 1 while epoch 2 is pending.
    expect((await servedProof(hub!, wallets[1]!.address)).epoch).toBe('1');
    hub!.context.chain = realChain;

    const recovered = await close();
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    expect(recovered.body).toMatchObject({ epoch: '2', txHash: minedTx, recovered: true });
    expect((await rootsPosted(provider, network.rewards)).map((r) => r.epoch)).toEqual([1n, 2n]);
    const served = await servedProof(hub!, wallets[1]!.address);
    expect(served.epoch).toBe('2');
    // Epoch 2 pays at the multiplier epoch 1's agreement earned, so at least one more reward.
    expect(BigInt(served.cumulative)).toBeGreaterThanOrEqual(2n * reward);
    // Wallet 1 never claimed: one claim collects both epochs.
    expect(await claimServed(hub!, provider, network.rewards, network.token, wallets[1]!)).toBe(BigInt(served.cumulative));
    // A normal close afterwards still works, and posts epoch 3 once.
    await earnRewards(hub!, requesterToken, annotators, 1, reward);
    const next = await close();
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body).toMatchObject({ epoch: '3' });
    expect(next.body.recovered).toBeUndefined();
  });

  it('the chain moved past the pending epoch with another root: 409 chain_diverged naming both, and nothing is posted', async () => {
    await earnRewards(hub!, requesterToken, annotators, 1, reward);
    hub!.context.chain = { ...realChain, postRoot: async () => Promise.reject(new Error('connect ECONNREFUSED (simulated)')) };
    expect((await close()).status).toBe(502);
    hub!.context.chain = realChain;
    const [row] = await hub!.context.db.query<{ epoch: bigint; root: string }>(`SELECT epoch, root FROM epochs WHERE status = 'pending'`);
    expect(row!.epoch).toBe(4n);
    const foreign = `0x${'ab'.repeat(32)}`;
    await postDirectly(4n, foreign);

    const refused = await close();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('chain_diverged');
    expect(refused.body.message).toContain(`epoch 4 with root ${foreign}`);
    expect(refused.body.message).toContain(`pending epoch 4 has root ${row!.root}`);
    // Nothing re-posted, nothing recorded: the hub still has epoch 4 pending and serves epoch 3.
    expect((await rootsPosted(provider, network.rewards)).map((r) => r.epoch)).toEqual([1n, 2n, 3n, 4n]);
    expect((await epochsInDb()).find((e) => e.epoch === '4')?.status).toBe('pending');
    expect((await servedProof(hub!, wallets[2]!.address)).epoch).toBe('3');
  });
});
