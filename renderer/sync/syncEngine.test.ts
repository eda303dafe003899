import { describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { testStores } from '../store/testing/testStores';
import { freshDbName } from '../store/testing/fixtures';
import { Outbox, batchPayloadOf, signedBatchOf } from './outbox';
import { SyncEngine } from './syncEngine';
import { scriptedHub } from './testing/scriptedHub';
import { downloadedProject, labelDone } from './testing/syncFixture';
import { alwaysOnline, type Connectivity } from './transport';
import { submitWorkUnit, SubmitError } from './workUnit';

const { openStore } = testStores();
const fastBackoff = { baseMs: 5, maxMs: 20 };

function switchableNetwork(initial: boolean) {
  let online = initial;
  const listeners = new Set<(o: boolean) => void>();
  const connectivity: Connectivity = { isOnline: () => online, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
  return { connectivity, set: (o: boolean) => ((online = o), listeners.forEach((l) => l(o))) };
}

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(n = 3) {
  const store = await openStore(freshDbName());
  const { project, items } = await downloadedProject(store, n);
  const outbox = new Outbox(store.db);
  return { store, project, items, outbox };
}

describe('submitWorkUnit', () => {
  it('writes the done items in canonical form with hub item ids, skipping pending pre-labels and items already submitted', async () => {
    const { store, project, items, outbox } = await setup(3);
    await labelDone(store, project.id, items[0]!.id);
    await labelDone(store, project.id, items[1]!.id, { prelabel: { runId: 'r', predictionId: 'p', modelId: 'm', score: 0.9, predictedBox: { x: 1, y: 1, w: 5, h: 5 }, predictedClassId: 'cat', review: 'pending' } });
    await store.importShapes(project.id, [{ ...(await store.loadShapes(items[0]!.id))[0]!, id: 'not-done', itemId: items[2]!.id }]);

    const record = await submitWorkUnit(store, outbox, project.id);
    const payload = batchPayloadOf(record);
    expect(record).toMatchObject({ state: 'pending', hubUrl: 'http://127.0.0.1:9', taskId: 'task-1', attempts: 0 });
    expect(record.signed).toBeUndefined();
    expect(payload.items).toEqual([
      { itemId: 'hub-0', shapes: [{ className: 'cat', box: { x: 10, y: 10, w: 50, h: 40 } }] },
      { itemId: 'hub-1', shapes: [] },
    ]);
    expect(payload.root).not.toBe(itemLabelHash('hub-0', payload.items[0]!.shapes));

    await expect(submitWorkUnit(store, outbox, project.id)).rejects.toThrow(SubmitError);
    await labelDone(store, project.id, items[2]!.id);
    const second = await submitWorkUnit(store, outbox, project.id);
    expect(batchPayloadOf(second).items.map((i) => i.itemId)).toEqual(['hub-2']);
    expect(await store.db.outbox.count()).toBe(2);
  });

  it('refuses a project that did not come from a hub, and writes nothing', async () => {
    const store = await openStore(freshDbName());
    const project = await store.createProject('Local', 'r', '/p', { classes: [] });
    await expect(submitWorkUnit(store, new Outbox(store.db), project.id)).rejects.toThrow(/not downloaded from a hub/);
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('signing', () => {
  it('refuses to sign when the host would sign another root than the outbox holds', async () => {
    const { store, project, items, outbox } = await setup(1);
    await labelDone(store, project.id, items[0]!.id);
    const record = await submitWorkUnit(store, outbox, project.id);
    const hub = scriptedHub();
    const lying = { ...hub.transport, prepareBatch: async (args: Parameters<typeof hub.transport.prepareBatch>[0]) => hub.transport.prepareBatch({ ...args, items: [{ itemId: 'hub-0', shapes: [] }] }) };
    const engine = new SyncEngine({ outbox, transport: lying, connectivity: alwaysOnline });
    await expect(engine.prepareSigning(record.id)).rejects.toThrow(/not signed/);
    expect((await outbox.get(record.id))!.signed).toBeUndefined();
  });

  it('keeps the signature and re-sends the identical signed batch on every retry until accepted', async () => {
    const { store, project, items, outbox } = await setup(2);
    await labelDone(store, project.id, items[0]!.id);
    await labelDone(store, project.id, items[1]!.id);
    const record = await submitWorkUnit(store, outbox, project.id);
    const hub = scriptedHub();
    hub.outcomes.push('network', 'throw', 'network');
    const engine = new SyncEngine({ outbox, transport: hub.transport, connectivity: alwaysOnline, backoff: fastBackoff });
    await engine.start();
    const request = await engine.prepareSigning(record.id);
    expect(request.summary).toMatchObject({ itemCount: 2, root: batchPayloadOf(record).root, hub: 'http://127.0.0.1:9', taskId: 'task-1' });
    const afterSign = await engine.confirmSigning(request);
    expect(afterSign.signed?.root).toBe(batchPayloadOf(record).root);
    await until(async () => (await outbox.get(record.id))!.state === 'accepted');
    await engine.stop();

    const final = (await outbox.get(record.id))!;
    expect(final.attempts).toBe(4);
    expect(final.receipt).toMatchObject({ duplicate: false });
    expect(hub.signatureCount()).toBe(1);
    expect(hub.sent).toHaveLength(4);
    for (const sent of hub.sent) expect(sent).toEqual(hub.sent[0]);
    expect(hub.sent[0]).toEqual(signedBatchOf(final));
    expect(hub.stored.size).toBe(1);
  });

  it('shows the hub reason of a rejection and stops retrying that batch', async () => {
    const { store, project, items, outbox } = await setup(1);
    await labelDone(store, project.id, items[0]!.id);
    const record = await submitWorkUnit(store, outbox, project.id);
    const hub = scriptedHub();
    hub.outcomes.push({ reject: 'deadline_passed' });
    const engine = new SyncEngine({ outbox, transport: hub.transport, connectivity: alwaysOnline, backoff: fastBackoff });
    await engine.start();
    await engine.confirmSigning(await engine.prepareSigning(record.id));
    await engine.idle();
    await new Promise((r) => setTimeout(r, 50));
    await engine.stop();
    const final = (await outbox.get(record.id))!;
    expect(final).toMatchObject({ state: 'rejected', attempts: 1, lastError: 'deadline_passed: refused: deadline_passed' });
    expect(hub.sent).toHaveLength(1);
  });
});

describe('SyncEngine', () => {
  async function signedOffline(n: number) {
    const env = await setup(n);
    for (const item of env.items) await labelDone(env.store, env.project.id, item.id);
    const record = await submitWorkUnit(env.store, env.outbox, env.project.id);
    const hub = scriptedHub();
    hub.outcomes.push('network');
    const network = switchableNetwork(false);
    const engine = new SyncEngine({ outbox: env.outbox, transport: hub.transport, connectivity: network.connectivity, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await engine.start();
    await engine.confirmSigning(await engine.prepareSigning(record.id));
    return { ...env, record, hub, network, engine };
  }

  it('waits while offline with the backoff persisted, and uploads as soon as the machine is online again', async () => {
    const { outbox, record, hub, network, engine } = await signedOffline(1);
    const waiting = (await outbox.get(record.id))!;
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: 'cannot reach the hub' });
    expect(waiting.nextAttemptAt - waiting.updatedAt).toBeGreaterThanOrEqual(30_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(hub.sent).toHaveLength(1);
    network.set(true);
    await until(async () => (await outbox.get(record.id))!.state === 'accepted');
    expect(engine.status()).toMatchObject({ online: true, hubReachable: true });
    await engine.stop();
  });

  it('after a restart, an upload cut off mid-flight goes back to pending and is sent again, once accepted', async () => {
    const { store, outbox, record, hub, engine } = await signedOffline(1);
    await engine.stop();
    await store.db.outbox.update(record.id, { state: 'uploading' });
    const restarted = new SyncEngine({ outbox: new Outbox(store.db), transport: hub.transport, connectivity: alwaysOnline, backoff: fastBackoff });
    await restarted.start();
    await until(async () => (await outbox.get(record.id))!.state === 'accepted');
    await restarted.stop();
    expect((await outbox.get(record.id))!.attempts).toBe(2);
    expect(hub.stored.size).toBe(1);
  });
});
