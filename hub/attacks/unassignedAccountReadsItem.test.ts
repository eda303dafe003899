import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, type AccessScenario } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/** Item ids travel (logs, exports, a shared screenshot): knowing one must not open the item. */
describe('attack: an account never assigned an item reads it by id', () => {
  let s: AccessScenario;
  beforeAll(async () => {
    s = await buildAccessScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  const items = () => Object.entries(s.items).filter(([k]) => k !== 'otherTask');

  it('is refused the item and its lineage in every state', async () => {
    for (const [state, item] of items()) {
      const read = await call<{ error: string }>(s.hub, 'GET', `/items/${item}`, { token: s.token.unassigned });
      expect([read.status, read.body.error], state).toEqual([403, 'not_your_item']);
      const lineage = await call<{ error: string }>(s.hub, 'GET', `/items/${item}/lineage`, { token: s.token.unassigned });
      expect([lineage.status, lineage.body.error], state).toEqual([403, 'lineage_forbidden']);
    }
  });

  it('is refused as the requester of another task', async () => {
    for (const [state, item] of items()) {
      expect((await call(s.hub, 'GET', `/items/${item}`, { token: s.token.otherRequester })).status, state).toBe(403);
      expect((await call(s.hub, 'GET', `/items/${item}/lineage`, { token: s.token.otherRequester })).status, state).toBe(403);
    }
  });

  it('is refused signed out', async () => {
    expect((await call(s.hub, 'GET', `/items/${s.items.disputed}`)).status).toBe(401);
    expect((await call(s.hub, 'GET', `/items/${s.items.disputed}/lineage`)).status).toBe(401);
  });

  it('is let in once assigned the item (the refusal is about assignment, not the account)', async () => {
    const got = await call<{ items: { itemId: string }[] }>(s.hub, 'POST', `/tasks/${s.otherTaskId}/assignments`, { token: s.token.unassigned, json: { count: 1 } });
    expect(got.body.items.map((i) => i.itemId)).toEqual([s.items.otherTask]);
    expect((await call(s.hub, 'GET', `/items/${s.items.otherTask}`, { token: s.token.unassigned })).status).toBe(200);
  });
});
