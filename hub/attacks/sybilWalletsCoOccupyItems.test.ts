import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, createTestTask, signIn, startTestHub } from '../testKit';

/**
 * One person signs in m wallets one after another and asks for work with
 * each, back to back. Under "partly assigned first, in index order" every
 * wallet got the same items, so the person filled all k slots and decided
 * them. With items drawn from random points of the whole pool, two wallets
 * share an item only as often as chance says.
 */
describe('attack: sybil wallets signed in one after another co-occupy items', () => {
  const ITEMS = 600;
  const K = 3;
  const WALLETS = 3;
  const ASK = 50;
  let hub: RunningHub;
  const requester = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [] });
  }, 120_000);
  afterAll(async () => hub?.close());

  it('gives the wallets mostly disjoint items: co-occupation near chance, far from the old full overlap', async () => {
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), ITEMS, K);
    const held: Set<string>[] = [];
    for (const w of Array.from({ length: WALLETS }, () => Wallet.createRandom())) {
      const token = await signIn(hub, w);
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: ASK } });
      expect(got.status).toBe(200);
      expect(got.body.items).toHaveLength(ASK);
      held.push(new Set(got.body.items.map((i) => i.itemId)));
    }
    // Items held by two or more of the wallets. Chance: each pair shares ASK²/ITEMS ≈ 4.2 items, three pairs ≈ 12.5
    // (hypergeometric, sd ≈ 2 per pair). The old rule gave all ASK = 50 items to all three wallets.
    const counts = new Map<string, number>();
    for (const s of held) for (const id of s) counts.set(id, (counts.get(id) ?? 0) + 1);
    const shared = [...counts.values()].filter((n) => n >= 2).length;
    const allThree = [...counts.values()].filter((n) => n === WALLETS).length;
    expect(shared).toBeLessThanOrEqual(30);
    // Expected ASK³/ITEMS² ≈ 0.35 items held by all three wallets.
    expect(allThree).toBeLessThanOrEqual(5);
  });

  it('spreads picks over the whole pool, not the low indexes', async () => {
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), ITEMS, K);
    const token = await signIn(hub, Wallet.createRandom());
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: ASK } });
    const rows = await hub.context.db.query<{ idx: number }>('SELECT idx FROM items WHERE id = ANY($1::text[])', [got.body.items.map((i) => i.itemId)]);
    const upperHalf = rows.filter((r) => r.idx >= ITEMS / 2).length;
    // Binomial(50, ½): mean 25, sd ≈ 3.5; index order would give 0.
    expect(upperHalf).toBeGreaterThanOrEqual(10);
    expect(upperHalf).toBeLessThanOrEqual(40);
  });
});
