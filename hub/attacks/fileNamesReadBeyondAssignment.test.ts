import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, type AccessScenario, type Caller } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/**
 * An item's file name is its requester's metadata ("T-0.png"; a real one may
 * say more: a patient, a street, a customer). It goes to whoever is assigned
 * the item, with the assignment, and to the task's requester and operators;
 * no other read carries it, so an account learns no names of items (or
 * tasks) it was never given, however it asks.
 */
describe('attack: an account reads the file names of items it was never assigned', () => {
  let s: AccessScenario;
  beforeAll(async () => {
    s = await buildAccessScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  // The scenario names T's items T-0.png…, T2's T2-0.png, T3's T3-0.png.
  const NAME = /T\d?-\d+\.png/;
  const callers: Caller[] = ['signedOut', 'assigned', 'unassigned', 'otherAnnotator', 'otherRequester', 'reviewer', 'reviewerWhoLabeled'];

  it('no task, item or lineage read answers with a file name of another requester or of an item not handed out', async () => {
    const paths = ['/tasks', `/tasks/${s.taskId}`, `/tasks/${s.otherTaskId}`, ...Object.values(s.items).flatMap((i) => [`/items/${i}`, `/items/${i}/lineage`])];
    for (const caller of callers) {
      for (const path of paths) {
        const res = await call(s.hub, 'GET', path, { token: s.token[caller] });
        expect(JSON.stringify(res.body), `${caller} GET ${path}`).not.toMatch(NAME);
      }
    }
  });

  it('the item list with names is its requester’s: refused to everyone else', async () => {
    for (const caller of callers) {
      const res = await call(s.hub, 'GET', `/tasks/${s.taskId}/items`, { token: s.token[caller] });
      expect(res.status, caller).toBe(caller === 'signedOut' ? 401 : 403);
      expect(JSON.stringify(res.body), caller).not.toMatch(NAME);
    }
  });

  it('an assignment names exactly the items it hands out', async () => {
    const got = await call<{ items: { itemId: string; fileName: string }[] }>(s.hub, 'POST', `/tasks/${s.otherTaskId}/assignments`, { token: s.token.unassigned, json: { count: 100 } });
    expect(got.body.items).toEqual([expect.objectContaining({ itemId: s.items.otherTask, fileName: 'T2-0.png' })]);
  });
});
