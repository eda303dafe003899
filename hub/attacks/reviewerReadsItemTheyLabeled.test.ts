import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, type AccessScenario } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/**
 * A reviewer who was also one of the item's annotators must not use the
 * reviewer role to read the others' work on it (nor rule on it): on their
 * own items they are an annotator like any other.
 */
describe('attack: a reviewer reads the submissions of a disputed item they labeled', () => {
  let s: AccessScenario;
  beforeAll(async () => {
    s = await buildAccessScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  it('is refused the lineage and gets the annotator view of the item', async () => {
    const lineage = await call<{ error: string }>(s.hub, 'GET', `/items/${s.items.disputed}/lineage`, { token: s.token.reviewerWhoLabeled });
    expect([lineage.status, lineage.body.error]).toEqual([403, 'lineage_forbidden']);
    const item = await call<{ consensus: unknown; yourSubmission: unknown }>(s.hub, 'GET', `/items/${s.items.disputed}`, { token: s.token.reviewerWhoLabeled });
    expect(item.body.consensus).toBeNull();
    expect(JSON.stringify(item.body)).not.toContain(s.wallets.assigned.address);
  });

  it('does not find it in the dispute queue, which another reviewer does', async () => {
    const own = await call<{ disputes: { itemId: string }[] }>(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.token.reviewerWhoLabeled });
    expect(own.status).toBe(200);
    expect(own.body.disputes.map((d) => d.itemId)).not.toContain(s.items.disputed);
    const other = await call<{ disputes: { itemId: string }[] }>(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.token.reviewer });
    expect(other.body.disputes.map((d) => d.itemId)).toContain(s.items.disputed);
    expect((await call(s.hub, 'GET', `/items/${s.items.disputed}/lineage`, { token: s.token.reviewer })).status).toBe(200);
  });
});
