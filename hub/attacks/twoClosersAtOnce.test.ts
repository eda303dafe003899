import { Wallet, parseUnits } from 'ethers';
import type { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { describeOnPostgres } from '../db/testPostgres';
import type { ChainClient } from '../epochs/chainClient';
import { earnRewards, gate, localProvider, rootsPosted, type Annotator } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { call, signIn, startChainTestHub } from '../testKit';

/** Each test earns rewards and posts roots on anvil: well past vitest's 30 s default on a loaded box. */
const CHAIN_TEST_MS = 120_000;

type CloseReply = { epoch?: string; txHash?: string; error?: string; message?: string };

// Two hub processes = two startHub instances, each with its own pool, on one real PostgreSQL server and one operator key.
describeOnPostgres('attack: two hub processes close an epoch at once', (databaseUrl) => {
  let anvil: AnvilHandle | undefined;
  let provider: JsonRpcProvider | undefined;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  const hubs: RunningHub[] = [];
  const operatorTokens: string[] = [];
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reward = parseUnits('2', 18);
  let annotators: Annotator[];
  let requesterToken: string;

  const close = (i: number) => call<CloseReply>(hubs[i]!, 'POST', '/epochs/close', { token: operatorTokens[i] });
  const operatorNonce = () => provider!.getTransactionCount(operator.address, 'latest');
  const earn = () => earnRewards(hubs[0]!, requesterToken, annotators, 1, reward);

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    provider = localProvider(anvil.rpcUrl);
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    for (let i = 0; i < 2; i++) {
      hubs.push(await startChainTestHub(anvil, network, { databaseUrl: databaseUrl(), operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] }));
      operatorTokens.push(await signIn(hubs[i]!, operator));
    }
    requesterToken = await signIn(hubs[0]!, requester);
    annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hubs[0]!, wallet) })));
  }, 180_000);
  afterAll(async () => {
    provider?.destroy();
    for (const hub of hubs) await hub.close();
    await anvil?.stop();
  }, 180_000);

  it('while one hub is posting, the other answers 409 epoch_close_in_progress: exactly one post, one nonce used', async () => {
    await earn();
    const nonceBefore = await operatorNonce();
    const real: ChainClient = hubs[0]!.context.chain!;
    const sending = gate();
    const release = gate();
    // Hub 0 holds the lock and stops right before sending, until hub 1 has tried.
    hubs[0]!.context.chain = {
      ...real,
      async postRoot(epoch, root, allocations) {
        sending.open();
        await release.opened;
        return real.postRoot(epoch, root, allocations);
      },
    };
    try {
      const first = close(0);
      await sending.opened;
      const second = await close(1);
      expect(second.status).toBe(409);
      expect(second.body.error).toBe('epoch_close_in_progress');
      release.open();
      const done = await first;
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.epoch).toBe('1');
    } finally {
      release.open();
      hubs[0]!.context.chain = real;
    }
    expect((await rootsPosted(provider!, network.rewards)).map((r) => r.epoch)).toEqual([1n]);
    expect(await operatorNonce()).toBe(nonceBefore + 1);
    // Both hubs see the posted epoch (one database).
    const seen = await call<{ epochs: { epoch: string; status: string }[] }>(hubs[1]!, 'GET', '/epochs');
    expect(seen.body.epochs).toEqual([expect.objectContaining({ epoch: '1', status: 'posted' })]);
   }, CHAIN_TEST_MS);

  it('alternating closers on the two hubs never collide on the operator nonce (each reads it from the chain)', async () => {
    for (const [i, epoch] of [[1, '2'], [0, '3'], [1, '4']] as const) {
      await earn();
      const res = await close(i);
      expect(res.status, `hub ${i}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.epoch).toBe(epoch);
    }
    expect((await rootsPosted(provider!, network.rewards)).map((r) => r.epoch)).toEqual([1n, 2n, 3n, 4n]);
   }, CHAIN_TEST_MS);

  it('racing closes without any staging: one posts, the other is refused with a clear answer, and the chain sees one post', async () => {
    await earn();
    const nonceBefore = await operatorNonce();
    const replies = await Promise.all([close(0), close(1)]);
    const ok = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(ok, JSON.stringify(replies.map((r) => r.body))).toHaveLength(1);
    expect(ok[0]!.body.epoch).toBe('5');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.status).toBe(409);
    // Depending on timing it saw the lock held, or found the epoch already closed.
    expect(['epoch_close_in_progress', 'nothing_to_reward']).toContain(refused[0]!.body.error);
    expect((await rootsPosted(provider!, network.rewards)).map((r) => r.epoch)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(await operatorNonce()).toBe(nonceBefore + 1);
   }, CHAIN_TEST_MS);
});
