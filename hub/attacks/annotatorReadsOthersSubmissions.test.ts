import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, type AccessScenario } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/**
 * Blind redundancy: an annotator labeling an item must not learn what the
 * other annotators of that item drew, nor who they are — not while it is
 * open or disputed, and not after it is final (then only the final labels).
 */
describe('attack: an annotator reads the other submissions of an item they were assigned', () => {
  let s: AccessScenario;
  beforeAll(async () => {
    s = await buildAccessScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  /** Anything in a reply that betrays the other annotators: their addresses or the coordinates they drew. */
  function leaks(body: unknown): string[] {
    const text = JSON.stringify(body);
    const found: string[] = [];
    for (const who of ['otherAnnotator', 'reviewerWhoLabeled'] as const) {
      if (text.includes(s.wallets[who].address)) found.push(`${who}'s address`);
      for (const shape of s.disputedShapes[who]) if (text.includes(`"x":${shape.box!.x}`)) found.push(`${who}'s box at x=${shape.box!.x}`);
    }
    return found;
  }

  it('gets nothing of the others from GET /items/:id of the disputed, accepted or open item', async () => {
    for (const item of [s.items.disputed, s.items.accepted, s.items.open]) {
      const res = await call(s.hub, 'GET', `/items/${item}`, { token: s.token.assigned });
      expect(res.status).toBe(200);
      expect(leaks(res.body), item).toEqual([]);
    }
  });

  it('is refused the lineage (every submission with its shapes and signature)', async () => {
    for (const item of [s.items.disputed, s.items.accepted, s.items.open]) {
      const res = await call<{ error: string }>(s.hub, 'GET', `/items/${item}/lineage`, { token: s.token.assigned });
      expect([res.status, res.body.error]).toEqual([403, 'lineage_forbidden']);
      expect(leaks(res.body)).toEqual([]);
    }
  });

  it('cannot list the dispute to see its submissions either', async () => {
    const res = await call(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.token.assigned });
    expect(res.status).toBe(403);
    expect(leaks(res.body)).toEqual([]);
  });

  it('would see them through the requester (the leak checker catches what it should)', async () => {
    const res = await call(s.hub, 'GET', `/items/${s.items.disputed}/lineage`, { token: s.token.requester });
    expect(leaks(res.body).length).toBeGreaterThan(0);
  });
});
