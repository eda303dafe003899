import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_TABLE, type TierTable } from '../../core/reputation';
import { catchUpReputation } from '../reputation/catchUp';
import type { RunningHub } from '../startHub';
import { box, call, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();

/** A ladder short enough to climb in a test: one scored item and a fair record unlock tier 1; three unlock reviewing. */
const SHORT_LADDER: TierTable = {
  tokenDecimals: 18,
  tiers: [
    DEFAULT_TIER_TABLE.tiers[0]!,
    { tier: 1, name: 'trusted', minLower: 0.3, minScoredItems: 1, minStake: 0n, taskLevel: 1, reviewer: false },
    { tier: 2, name: 'expert', minLower: 0.45, minScoredItems: 3, minStake: 0n, taskLevel: 2, reviewer: true },
  ],
};

describe('tiers in assignment and review', () => {
  let hub: RunningHub;
  let requesterToken: string;

  async function createTask(opts: { level?: number; redundancy?: number; items?: number; honeypotAll?: boolean }) {
    const items = Array.from({ length: opts.items ?? 1 }, (_, i) => ({ sha256: sha(Math.floor(Math.random() * 1e12) + i), fileName: `t${i}.jpg`, width: 640, height: 480 }));
    const res = await call<{ taskId: string; level: number }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'tiered',
        labelSchema: TEST_SCHEMA,
        redundancy: opts.redundancy ?? 1,
        rewardPerItem: '1',
        level: opts.level ?? 0,
        items,
        honeypots: opts.honeypotAll ? items.map((i) => ({ sha256: i.sha256, shapes: [box('car', 10, 10)] })) : [],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.level).toBe(opts.level ?? 0);
    return res.body.taskId;
  }

  /** Labels every honeypot of a fresh level-0 task right: one scored item each (weight 2). */
  async function earn(w: AnyWallet, token: string, items: number) {
    const taskId = await createTask({ items, honeypotAll: true });
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: items } });
    const signed = await signedBatch(hub, w, taskId, got.body.items.map((it) => ({ itemId: it.itemId, shapes: [box('car', 10, 10)] })));
    expect((await call(hub, 'POST', '/batches', { token, json: signed })).status).toBe(200);
    // Scoring is the scoring job's (after each consensus round), never the work request's: wait for it as the job would run.
    await hub.context.consensusIdle();
    await catchUpReputation(hub.context);
  }

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address], tierTable: SHORT_LADDER });
    requesterToken = await signIn(hub, requester);
  }, 300_000);
  afterAll(async () => hub?.close());

  it('serves the tier table and the stake registry (none configured: every stake is 0)', async () => {
    const tiers = await call<{ tiers: { name: string; minStake: string; reviewer: boolean }[]; stakeRegistry: string | null }>(hub, 'GET', '/tiers');
    expect(tiers.body.tiers.map((t) => [t.name, t.minStake, t.reviewer])).toEqual([
      ['newcomer', '0', false],
      ['trusted', '0', false],
      ['expert', '0', true],
    ]);
    expect(tiers.body.stakeRegistry).toBeNull();
    expect((await call<{ stakeRegistry: unknown }>(hub, 'GET', '/config')).body.stakeRegistry).toBeNull();
  });

  it('refuses a level-1 task to a newcomer with what the next tier needs, assigning nothing; a climbed annotator gets it', async () => {
    const w = Wallet.createRandom();
    const token = await signIn(hub, w);
    const taskId = await createTask({ level: 1 });
    const refused = await call<{ error: string; message: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('tier_too_low');
    expect(refused.body.message).toMatch(/level 1.*tier 0 \(newcomer\).*scored items 0 → 1/);
    const [row] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1', [taskId]);
    expect(row!.n).toBe(0);

    await earn(w, token, 1);
    const rep = await call<{ tier: { tier: number; name: string }; nextTier: { needs: { text: string }[] } }>(hub, 'GET', `/reputation/${w.address}`);
    expect(rep.body.tier).toMatchObject({ tier: 1, name: 'trusted' });
    // Beta(4, 2) after one right honeypot (weight 2): its 10% bound is still below the expert minimum.
    expect(rep.body.nextTier.needs.map((n) => n.text)).toEqual(['reputation lower bound 0.41 → 0.45', 'scored items 1 → 3']);
    const granted = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } });
    expect(granted.status).toBe(200);
    expect(granted.body.items).toHaveLength(1);
  });

  it('lets an account whose tier unlocks reviewing list disputes without a granted role', async () => {
    const w = Wallet.createRandom();
    const token = await signIn(hub, w);
    expect((await call(hub, 'GET', '/disputes', { token })).status).toBe(403);
    await earn(w, token, 3);
    const res = await call<{ disputes: unknown[] }>(hub, 'GET', '/disputes', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('gives scarce items to the higher-ranked asker: a proven annotator before a newcomer', async () => {
    const proven = Wallet.createRandom();
    const newcomer = Wallet.createRandom();
    const [provenToken, newcomerToken] = [await signIn(hub, proven), await signIn(hub, newcomer)];
    await earn(proven, provenToken, 2);
    // Two items, one slot each.
    const taskId = await createTask({ items: 2, redundancy: 1 });
    const first = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: provenToken, json: { count: 1 } });
    expect(first.body.items).toHaveLength(1);
    // One slot left, two askers who could take it: the newcomer ranks below the proven annotator and waits.
    const waiting = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: newcomerToken, json: { count: 1 } });
    expect(waiting.status).toBe(200);
    expect(waiting.body.items).toEqual([]);
    const second = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: provenToken, json: { count: 2 } });
    expect(second.body.items).toHaveLength(2);
  });

  it('near the end of a pool gives each asker at most an equal share of the free slots, so the first to ask cannot take the tail', async () => {
    // Ten slots (ten items, one slot each) and two askers: the cap (50) would let either take them all.
    const taskId = await createTask({ items: 10, redundancy: 1 });
    const [a, b] = [await signIn(hub, Wallet.createRandom()), await signIn(hub, Wallet.createRandom())];
    const ask = async (token: string, count: number) => (await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count } })).body.items.length;
    expect(await ask(a, 1)).toBe(1);
    expect(await ask(b, 1)).toBe(1);
    // Ten slots of work left (eight free, one held by each), two askers: each may hold five, whoever asks first,
    // and asking again in a burst adds nothing.
    expect(await ask(a, 100)).toBe(5);
    expect(await ask(a, 100)).toBe(5);
    expect(await ask(b, 100)).toBe(5);
  });

  it('hands out plentiful items to anyone, newcomers included', async () => {
    const taskId = await createTask({ items: 3, redundancy: 2 });
    for (const w of [Wallet.createRandom(), Wallet.createRandom()]) {
      const got = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: await signIn(hub, w), json: { count: 3 } });
      expect(got.body.items).toHaveLength(3);
    }
  });
});
