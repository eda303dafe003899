import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignWorkRoute, createTaskRoute } from '../../../core/hubApi/tasks';
import { createRootStore } from '../media/rootStore';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { createDownloadJob, taskMediaDir } from './downloadJob';
import { createHubClient } from './hubClient';
import { createHubRegistry } from './hubRegistry';
import { startS3Hub, type S3Hub } from './s3HubFixture';

/**
 * The workstation's download job against a real hub whose media is in
 * object storage (s3rver): it follows the hub's redirect to a presigned URL,
 * resumes with Range at the store, sends the store no Authorization, and
 * still refuses bytes that do not hash to the item's sha256.
 */
describe('download job through the hub’s redirect to object storage', () => {
  let hub: S3Hub;
  let dataDir: string;
  const clientOf = (privateKey: string) => {
    const wallet = new Wallet(privateKey);
    const keys: WalletKeys = { address: async () => wallet.address, signer: () => wallet, onLock: () => undefined };
    const registry = createHubRegistry(null);
    return { registry, client: createHubClient(registry, keys, { pinOnFirstUse: true }), address: wallet.address };
  };
  const requester = clientOf(Wallet.createRandom().privateKey);
  const { registry, client } = clientOf(Wallet.createRandom().privateKey);
  const files = [0, 1].map(() => {
    const bytes = randomBytes(3 * 1024 * 1024 + 123);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  let taskId: string;

  const run = (job: ReturnType<typeof createDownloadJob>, index: number) =>
    job({ kind: 'download', hubUrl: hub.hubUrl, taskId, items: [{ sha256: files[index]!.sha256, fileName: `f${index}.mp4` }] }, { jobId: `j${index}`, signal: new AbortController().signal, progress: () => undefined });
  const target = (index: number) => path.join(taskMediaDir(dataDir, hub.hubUrl, taskId), `${files[index]!.sha256}.mp4`);
  /** Requests the store got for an object. */
  const storeRequests = async (index: number) => (await hub.seen()).filter((r) => r.method === 'GET' && r.url.startsWith(`/${hub.bucket}/media/${files[index]!.sha256}`));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-store-download-'));
    hub = await startS3Hub([requester.address]);
    for (const f of files) expect((await requester.client.authedFetch(hub.hubUrl, `/media/${f.sha256}`, { method: 'PUT', bytes: f.bytes })).status).toBe(201);
    const labelSchema = { classes: [{ id: 'c1', name: 'car', color: '#ff0000', attributes: [] }] };
    const task = await requester.client.call(hub.hubUrl, createTaskRoute, {
      body: { title: 'clips', labelSchema, redundancy: 1, rewardPerItem: '1', items: files.map((f, i) => ({ sha256: f.sha256, fileName: `f${i}.png`, width: 8, height: 8 })) },
    });
    taskId = task.taskId;
    const { items } = await client.call(hub.hubUrl, assignWorkRoute, { params: { taskId }, body: { count: 5 } });
    expect(items).toHaveLength(2);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('downloads from the store, resumes a cut download with Range there, and never sends the store the session token', async () => {
    const job = createDownloadJob(dataDir, client, createRootStore(dataDir), {});
    await run(job, 0);
    expect((await readFile(target(0))).equals(files[0]!.bytes)).toBe(true);
    // The cut run left 40 % in the part file.
    const kept = Math.floor(files[0]!.bytes.length * 0.4);
    await rm(target(0));
    await writeFile(`${target(0)}.part`, files[0]!.bytes.subarray(0, kept));
    const before = (await storeRequests(0)).length;
    await run(job, 0);
    expect((await readFile(target(0))).equals(files[0]!.bytes)).toBe(true);
    const resumed = (await storeRequests(0)).slice(before);
    expect(resumed.map((r) => r.headers.range)).toEqual([`bytes=${kept}-`]);
    for (const r of await storeRequests(0)) {
      expect(r.url).toMatch(/X-Amz-Signature=/);
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.cookie).toBeUndefined();
    }
    expect(JSON.stringify((await hub.seen()).map((r) => r.headers))).not.toContain(registry.session(hub.hubUrl)!.token);
  });

  it('the job asks through the client’s own media session: the redirect is checked and followed by hand, and no token reaches the store', async () => {
    const job = createDownloadJob(dataDir, client, createRootStore(dataDir));
    await rm(target(1), { force: true });
    const before = (await storeRequests(1)).length;
    await run(job, 1);
    expect((await readFile(target(1))).equals(files[1]!.bytes)).toBe(true);
    const reached = (await storeRequests(1)).slice(before);
    expect(reached.length).toBeGreaterThan(0);
    for (const r of reached) expect(r.headers.authorization).toBeUndefined();
  });

  it('refuses bytes from the store that do not hash to the item, and keeps nothing of them', async () => {
    // The object under the content key replaced behind the hub's back (a tampered or corrupted bucket).
    await hub.tamper(files[1]!.sha256, files[1]!.bytes.length);
    await rm(target(1), { force: true });
    const job = createDownloadJob(dataDir, client, createRootStore(dataDir), {});
    await expect(run(job, 1)).rejects.toThrow(/sha256/);
    expect((await readdir(path.dirname(target(1)))).filter((f) => f.startsWith(files[1]!.sha256))).toEqual([]);
  });
});
