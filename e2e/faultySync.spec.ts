// The outbox and sync engine of the renderer (over fake IndexedDB), the real
// Node-side hub client and signer (ethers), and a real hub on PGlite, with a
// fault-injecting proxy between them and a hub restart in the middle. No
// browser: this runs in the Playwright worker because only e2e/ may join the
// renderer and the hub in one program (see ARCHITECTURE.md, "may import").
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Wallet } from 'ethers';
import { createHubClient } from '../electron/services/hub/hubClient';
import { createHubRegistry } from '../electron/services/hub/hubRegistry';
import { createHubService } from '../electron/services/hub/hubServiceImpl';
import type { WalletKeys } from '../electron/services/wallet/walletServiceImpl';
import type { HubConfig } from '../hub/config';
import { startHub, type RunningHub } from '../hub/startHub';
import { call, createTestTask, GENEROUS_RATE_LIMITS, siweMessage, type AnyWallet } from '../hub/testKit';
import { GroundworkDb } from '../renderer/store/db';
import { Outbox } from '../renderer/sync/outbox';
import { SyncEngine } from '../renderer/sync/syncEngine';
import { alwaysOnline } from '../renderer/sync/transport';
import { newBatchRecord } from '../renderer/sync/workUnit';
import { startFaultProxy } from './support/faultProxy';

const BATCHES = 1_000;
const FAULT_RATE = 0.3;
const RESTART_AFTER = 400;

async function retry<T>(what: string, work: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Sign-in straight at the hub for the setup; the SIWE URI must be the hub's public one (the proxy). */
async function signInDirect(hub: RunningHub, wallet: AnyWallet, publicUrl: string): Promise<string> {
  const { body } = await call<{ nonce: string }>(hub, 'POST', '/auth/nonce');
  const message = siweMessage(hub, wallet, body.nonce, { uri: publicUrl });
  const res = await call<{ token: string }>(hub, 'POST', '/auth/verify', { json: { message, signature: await wallet.signMessage(message) } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

test('1,000 signed batches through a faulty network and a hub restart end accepted exactly once', async () => {
  test.setTimeout(420_000);
  const started = Date.now();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-faulty-sync-'));
  const requester = Wallet.createRandom();
  const annotator = new Wallet(Wallet.createRandom().privateKey);
  let hub: RunningHub | null = null;
  let hubUrl = '';
  const proxy = await startFaultProxy({ target: () => hubUrl, faultRate: FAULT_RATE });
  let engine: SyncEngine | null = null;
  const db = new GroundworkDb(`faulty-sync-${Date.now()}`);
  try {
    const config: HubConfig = {
      chainId: 31337,
      rewardsContract: Wallet.createRandom().address,
      token: Wallet.createRandom().address,
      dataDir: path.join(workDir, 'hub-db'),
      mediaDir: path.join(workDir, 'hub-media'),
      requesters: [requester.address],
      operators: [],
      // The workstation reaches the hub through the proxy: that is the host its SIWE messages name.
      publicUrl: proxy.url,
      verifyWorkers: 0,
      // A fault test of the outbox, not of the hub's abuse limits: one annotator takes all 1,000 items and retries as fast as backoff allows.
      maxOpenAssignments: BATCHES,
      rateLimit: GENEROUS_RATE_LIMITS,
    };
    hub = await startHub(config);
    hubUrl = hub.url;
    const port = Number(new URL(hub.url).port);

    // Setup straight at the hub: a task of 1,000 items, all assigned to the annotator.
    const { taskId } = await createTestTask(hub, await signInDirect(hub, requester, proxy.url), BATCHES, 1);
    const assigned = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: await signInDirect(hub, annotator, proxy.url), json: { count: BATCHES } });
    expect(assigned.body.items).toHaveLength(BATCHES);

    // The workstation: the Node-side hub service as the host runs it, with the annotator's key.
    const keys: WalletKeys = { address: async () => annotator.address, signer: () => annotator, onLock: () => undefined };
    const registry = createHubRegistry(null);
    const hubService = createHubService(registry, createHubClient(registry, keys), keys, () => undefined);
    // Trust on first use: connect proposes the hub's values, the user (here the test) confirms them.
    await retry('connect through the proxy', async () => {
      const connected = await hubService.connect({ hubUrl: proxy.url, makeDefault: false });
      if (connected.status === 'needs-confirmation') await hubService.confirmTrust({ hubUrl: proxy.url, proposalId: connected.proposal.proposalId });
    }, Date.now() + 30_000);

    await db.open();
    const outbox = new Outbox(db);
    const records = assigned.body.items.map((item, i) =>
      newBatchRecord({ hubUrl: proxy.url, projectId: 'fault-test', taskId, items: [{ itemId: item.itemId, shapes: [{ className: 'car', box: { x: i % 600, y: 10, w: 30.5, h: 20.25 } }] }] }, Date.now()),
    );
    await db.outbox.bulkAdd(records);
    engine = new SyncEngine({ outbox, transport: hubService, connectivity: alwaysOnline, backoff: { baseMs: 20, maxMs: 500 }, concurrency: 8 });
    await engine.start();

    // A hub restart once a good part of the batches is in.
    const stored = async () => Number((await hub!.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM batches WHERE annotator = $1', [annotator.address]))[0]!.n);
    let restarted = false;
    const restart = (async () => {
      while ((await stored()) < RESTART_AFTER) await new Promise((r) => setTimeout(r, 100));
      const old = hub!;
      hub = null;
      await old.close();
      hub = await startHub({ ...config, port });
      restarted = true;
    })();

    // Sign every batch (the user's confirmation is the test here); the first upload of each is part of signing.
    await pool(records, 8, async (record) => {
      await engine!.confirmSigning(await engine!.prepareSigning(record.id));
    });

    const deadline = Date.now() + 300_000;
    for (;;) {
      const states = await db.outbox.toArray();
      if (states.every((r) => r.state === 'accepted' || r.state === 'rejected') && restarted) break;
      if (Date.now() > deadline) throw new Error(`not settled in time: ${JSON.stringify(countBy(states.map((r) => r.state)))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await restart;
    await engine.stop();

    const final = await db.outbox.toArray();
    const attempts = final.reduce((sum, r) => sum + r.attempts, 0);
    const duplicates = final.filter((r) => (r.receipt as { duplicate?: boolean } | undefined)?.duplicate).length;
    const faults = Object.values(proxy.counts.faults).reduce((a, b) => a + b, 0);
    console.log(
      `faulty sync: ${BATCHES} batches, ${countBy(final.map((r) => r.state)).accepted ?? 0} accepted, ${attempts} upload attempts, ` +
        `${proxy.counts.requests} requests through the proxy, ${faults} faults injected ${JSON.stringify(proxy.counts.faults)}, ` +
        `${proxy.counts.upstreamDown} refused while the hub restarted, ${duplicates} accepted as duplicates of an earlier unseen success, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(final.filter((r) => r.state !== 'accepted').map((r) => `${r.state}: ${r.lastError}`)).toEqual([]);
    expect(new Set(final.map((r) => r.signed!.signature)).size).toBe(BATCHES);
    expect(faults / proxy.counts.requests).toBeGreaterThan(0.2);
    expect(attempts).toBeGreaterThan(BATCHES);
    // On the hub: one batch per outbox record, every item submitted exactly once, by those very signatures.
    const db2 = hub!.context.db;
    expect(await stored()).toBe(BATCHES);
    // An item's submissions are its assignments that a stored batch fulfilled.
    const items = await db2.query<{ submitted: number; n: number }>(
      `SELECT per_item.submitted, count(*)::int AS n FROM (
         SELECT i.id, count(a.batch_id)::int AS submitted FROM items i LEFT JOIN assignments a ON a.item_id = i.id WHERE i.task_id = $1 GROUP BY i.id
       ) per_item GROUP BY per_item.submitted`,
      [taskId],
    );
    expect(items.map((r) => ({ submitted: Number(r.submitted), n: Number(r.n) }))).toEqual([{ submitted: 1, n: BATCHES }]);
    const signatures = await db2.query<{ signature: string }>('SELECT signature FROM batches WHERE annotator = $1', [annotator.address]);
    expect(new Set(signatures.map((r) => r.signature.toLowerCase()))).toEqual(new Set(final.map((r) => r.signed!.signature.toLowerCase())));
  } finally {
    await engine?.stop();
    db.close();
    await proxy.close();
    await (hub as RunningHub | null)?.close();
    await rm(workDir, { recursive: true, force: true });
  }
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
