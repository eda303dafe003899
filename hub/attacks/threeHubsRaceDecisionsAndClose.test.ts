import { Wallet, parseUnits } from 'ethers';
import type { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { describeOnPostgres } from '../db/testPostgres';
import { fundTask, localProvider, rootsPosted } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startChainTestHub } from '../testKit';

type CloseReply = { epoch?: string; error?: string; rewardedItems?: number };

/**
 * Attack: three hub processes on one PostgreSQL server (three startHub
 * instances, each with its own pool and its own job workers) take batches
 * for the same items and are all told to close the epoch at once, while the
 * decision jobs are still running. One process (B) runs no jobs at all, so
 * what it reads was decided elsewhere. Nothing may be decided twice, nothing
 * lost, and exactly one root posted.
 */
describeOnPostgres('attack: three hub processes race decisions and the epoch close', (databaseUrl) => {
  let anvil: AnvilHandle | undefined;
  let provider: JsonRpcProvider | undefined;
  const hubs: RunningHub[] = [];
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reward = parseUnits('1', 18);
  let operatorToken: string;
  let requesterToken: string;
  let tokens: string[];
  let rewards: string;

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    provider = localProvider(anvil.rpcUrl);
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    rewards = network.rewards;
    const config = { databaseUrl: databaseUrl(), operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] };
    // A works, B only enqueues and serves, C works.
    for (const work of [true, false, true]) hubs.push(await startChainTestHub(anvil, network, config, { work }));
    // Sessions live in the database: a token from one process is good on every other.
    operatorToken = await signIn(hubs[0]!, operator);
    requesterToken = await signIn(hubs[1]!, requester);
    tokens = await Promise.all(wallets.map((w, i) => signIn(hubs[i]!, w)));
  }, 180_000);
  afterAll(async () => {
    provider?.destroy();
    for (const hub of hubs) await hub.close();
    await anvil?.stop();
  }, 120_000);

  /** Each annotator takes every item through its own hub, then all upload at once, in `batches` batches each, through their own hubs. */
  async function labelAcrossHubs(taskId: string, items: number, batches: number): Promise<string[]> {
    const taken: string[][] = [];
    for (const a of wallets.keys()) {
      const mine: string[] = [];
      // Assignment hands out what it can per request: ask until every item is held.
      for (let tries = 0; mine.length < items && tries < 10; tries++) {
        const got = await call<{ items: { itemId: string }[] }>(hubs[a]!, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[a], json: { count: items } });
        expect(got.status).toBe(200);
        for (const i of got.body.items) if (!mine.includes(i.itemId)) mine.push(i.itemId);
      }
      taken.push(mine);
    }
    await Promise.all(
      wallets.map(async (wallet, a) => {
        const hub = hubs[a]!;
        const mine = taken[a]!;
        const per = Math.ceil(mine.length / batches);
        for (let b = 0; b < batches; b++) {
          const part = mine.slice(b * per, (b + 1) * per).map((itemId) => ({ itemId, shapes: [box('car', 10, 10)] }));
          const res = await call(hub, 'POST', '/batches', { token: tokens[a], json: await signedBatch(hub, wallet, taskId, part) });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
        }
      }),
    );
    return taken[0]!;
  }

  it("a read on B (which runs no jobs) sees the decision A's or C's worker made, right after the last upload went through B", async () => {
    const { taskId } = await createTestTask(hubs[0]!, requesterToken, 1, 3);
    const order = [0, 2, 1];
    let itemId = '';
    for (const a of order) {
      const hub = hubs[a]!;
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[a], json: { count: 1 } });
      itemId = got.body.items[0]!.itemId;
      const res = await call(hub, 'POST', '/batches', { token: tokens[a], json: await signedBatch(hub, wallets[a]!, taskId, [{ itemId, shapes: [box('car', 10, 10)] }]) });
      expect(res.status).toBe(200);
    }
    // No consensusIdle: the read itself waits on the item's row.
    const read = await call<{ status: string; consensus: { agreeingAnnotators: string[] } }>(hubs[1]!, 'GET', `/items/${itemId}`, { token: requesterToken });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('accepted');
    expect(read.body.consensus.agreeingAnnotators).toEqual(wallets.map((w) => w.address).sort());
  });

  it('three closers at once while decisions are in flight: one root posted, every item decided, scored and rewarded exactly once', async () => {
    const items = 30;
    const { taskId, task } = await createTestTask(hubs[0]!, requesterToken, items, 3, reward.toString());
    await fundTask(hubs[0]!, task, 4n * BigInt(items) * 3n * reward);
    const itemIds = await labelAcrossHubs(taskId, items, 3);
    expect(itemIds).toHaveLength(items);
    const replies = await Promise.all(hubs.map(() => null).map((_, i) => call<CloseReply>(hubs[i]!, 'POST', '/epochs/close', { token: operatorToken })));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok, JSON.stringify(replies.map((r) => r.body))).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['epoch_close_in_progress', 'nothing_to_reward']).toContain(r.body.error);
    }
    const epochs = (await rootsPosted(provider!, rewards)).map((r) => r.epoch);
    expect(epochs).toEqual([1n]);
    await Promise.all(hubs.map((h) => h.context.consensusIdle()));
    const db = hubs[0]!.context.db;
    const [decided] = await db.query<{ accepted: number; rewarded: number }>(
      `SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*) FILTER (WHERE rewarded_epoch = 1)::int AS rewarded FROM items WHERE task_id = $1`,
      [taskId],
    );
    expect(decided).toEqual({ accepted: items, rewarded: items });
    const [paid] = await db.query<{ rows: number; items: number }>(`SELECT count(*)::int AS rows, count(DISTINCT item_id)::int AS items FROM rewards WHERE item_id = ANY($1::text[])`, [itemIds]);
    expect(paid).toEqual({ rows: items * 3, items });
    // Scored once: one consensus line per annotator and item, whichever process scored it.
    const [lines] = await db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (account, item_id))::int AS distinct FROM reputation_history WHERE kind = 'consensus' AND item_id = ANY($1::text[])`,
      [itemIds],
    );
    expect(lines).toEqual({ n: items * 3, distinct: items * 3 });
    const [epochRows] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM epochs`);
    expect(epochRows!.n).toBe(1);
  });
});
