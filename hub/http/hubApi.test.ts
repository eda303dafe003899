import { Wallet } from 'ethers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as hubApi from '../../core/hubApi';
import type { HubRoute } from '../../core/hubApi/route';
import { buildExportScenario, type ExportScenario } from '../export/exportTestKit';
import { box, call, createTestTask, signedBatch, signIn } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';
import { buildApp } from './buildApp';
import { callRoute } from './callRoute';

/** Every route definition exported by core/hubApi (route objects: method, path, access, response). */
function definitions(): HubRoute[] {
  return Object.values(hubApi as Record<string, unknown>).filter(
    (v): v is HubRoute => typeof v === 'object' && v !== null && 'method' in v && 'path' in v && 'access' in v && 'response' in v,
  );
}

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** The routes a hub registers (HEAD twins of GET routes left out), read from Fastify's onRoute hook while it loads. */
async function registeredRoutes(app: FastifyInstance): Promise<{ method: string; path: string; access: unknown }[]> {
  const seen: { method: string; path: string; access: unknown }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') seen.push({ method, path: route.url, access: route.config?.access });
  });
  await app.ready();
  return seen;
}

describe('core/hubApi is the list of the hub routes', () => {
  let s: ExportScenario;
  beforeAll(async () => {
    s = await buildExportScenario();
  }, 120_000);
  afterAll(() => s?.hub.close());

  it('every route the hub registers is a definition, with the same access rule, and every definition is served', async () => {
    const app = buildApp(s.hub.context);
    const served = await registeredRoutes(app);
    await app.close();
    const defined = new Map(definitions().map((r) => [keyOf(r), r]));
    const undefinedRoutes = served.filter((r) => !defined.has(keyOf(r))).map(keyOf);
    expect(undefinedRoutes, 'routes served without a core/hubApi definition').toEqual([]);
    for (const r of served) expect(r.access, keyOf(r)).toBe(defined.get(keyOf(r))!.access);
    const servedKeys = new Set(served.map(keyOf));
    expect([...defined.keys()].filter((k) => !servedKeys.has(k)), 'definitions the hub does not serve').toEqual([]);
  });

  it('the response schemas parse what a running hub answers', async () => {
    const { token, taskId, items } = s;
    await s.hub.context.consensusIdle();
    expect(await callRoute(s.hub, hubApi.healthRoute, {})).toMatchObject({ ok: true });
    expect((await callRoute(s.hub, hubApi.configRoute, {})).chainId).toBe(s.hub.context.config.chainId);
    expect((await callRoute(s.hub, hubApi.authMeRoute, {}, token.requester)).roles).toContain('requester');
    expect((await callRoute(s.hub, hubApi.listTasksRoute, {}, token.annotator)).tasks.map((t) => t.taskId)).toContain(taskId);
    expect((await callRoute(s.hub, hubApi.getTaskRoute, { params: { taskId } }, token.annotator)).instructions).toBe('');
    expect((await callRoute(s.hub, hubApi.taskProgressRoute, { params: { taskId } }, token.requester)).items).toEqual({ open: 0, accepted: 2, disputed: 1, resolved: 1 });
    const page = await callRoute(s.hub, hubApi.taskItemsRoute, { params: { taskId }, query: { limit: 2 } }, token.requester);
    expect(page.items).toHaveLength(2);
    expect(page.next).not.toBeNull();
    expect((await callRoute(s.hub, hubApi.getItemRoute, { params: { itemId: items.resolved } }, token.requester)).status).toBe('resolved');
    expect((await callRoute(s.hub, hubApi.getItemRoute, { params: { itemId: items.agreed } }, token.annotator)).yourSubmission).toEqual({ submitted: true, agreesWithFinal: true });
    expect((await callRoute(s.hub, hubApi.itemLineageRoute, { params: { itemId: items.dissent } }, token.requester)).submissions).toHaveLength(3);
    expect((await callRoute(s.hub, hubApi.listDisputesRoute, { query: { taskId } }, token.reviewer)).disputes.map((d) => d.itemId)).toEqual([items.disputed]);
    expect((await callRoute(s.hub, hubApi.tiersRoute, {})).tiers.length).toBeGreaterThan(0);

    // A new reviewer resolves the open dispute; a new annotator takes and labels a new task's item.
    const reviewer = Wallet.createRandom();
    await signIn(s.hub, reviewer);
    expect((await callRoute(s.hub, hubApi.grantRoleRoute, { params: { address: reviewer.address }, body: { role: 'reviewer' } }, token.operator)).roles).toContain('reviewer');
    const verdict = await signedVerdict(s.hub, reviewer, taskId, items.disputed, [box('car', 10, 10)]);
    const reviewerToken = await signIn(s.hub, reviewer);
    expect((await callRoute(s.hub, hubApi.uploadVerdictRoute, { body: verdict }, reviewerToken)).status).toBe('resolved');

    const annotator = Wallet.createRandom();
    const annotatorToken = await signIn(s.hub, annotator);
    const second = await createTestTask(s.hub, token.requester, 1, 1);
    const assigned = await callRoute(s.hub, hubApi.assignWorkRoute, { params: { taskId: second.taskId }, body: { count: 5 } }, annotatorToken);
    const batch = await signedBatch(s.hub, annotator, second.taskId, [{ itemId: assigned.items[0]!.itemId, shapes: [box('car', 1, 2)] }]);
    expect((await callRoute(s.hub, hubApi.uploadBatchRoute, { body: batch }, annotatorToken)).duplicate).toBe(false);
    await s.hub.context.consensusIdle();
    expect((await callRoute(s.hub, hubApi.reputationRoute, { params: { account: annotator.address } })).scoredItems).toBeGreaterThanOrEqual(0);
    expect((await callRoute(s.hub, hubApi.authLogoutRoute, {}, annotatorToken)).loggedOut).toBe(true);
  }, 120_000);
});
