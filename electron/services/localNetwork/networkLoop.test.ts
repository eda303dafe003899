import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { encodeWire } from '../../common/contract/wireCodec';
import { getItemRoute } from '../../../core/hubApi/items';
import { hubService, localNetworkService, rewardsService, walletService, type AssignedItem, type ClaimStatus, type DownloadJobResult } from '../../common/services';
import { taskMediaDir } from '../hub/downloadJob';
import { createRootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';
import { startLocalNetwork, type LocalNetwork } from './startLocalNetwork';
import { DEMO_REWARD_PER_ITEM } from './seedDemoTask';
import { localOperator } from './localHubAccounts';
import { createLocalNetworkService } from './localNetworkServiceImpl';
import { DEMO_TRUTH, LABEL_BESIDE_FILES } from './reviewDemoLabels';

// The whole loop on one machine, as a newcomer runs it: real anvil, the real
// hub on PGlite, the workstation's services behind the contract's wire codec.
let dataDir: string;
let network: LocalNetwork;
let services: NetworkServices;
const wire: string[] = [];
let clients: {
  wallet: ReturnType<typeof createProxy<typeof walletService>>;
  hub: ReturnType<typeof createProxy<typeof hubService>>;
  rewards: ReturnType<typeof createProxy<typeof rewardsService>>;
  localNetwork: ReturnType<typeof createProxy<typeof localNetworkService>>;
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-network-'));
  network = await startLocalNetwork({ dataDir });
  const events = createEventBus();
  services = await createNetworkServices(dataDir, createRootStore(dataDir), events, {
    wallet: { scrypt: { n: 1 << 12, r: 8, p: 1 } },
    localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl, ensureGas: network.ensureGas },
  });
  const dispatcher = createDispatcher(services.registrations, { events });
  const recording = {
    dispatch: async (s: string, m: string, a: unknown) => {
      const outcome = await dispatcher.dispatch(s, m, a);
      wire.push(encodeWire(outcome));
      return outcome;
    },
    subscribe: (listener: Parameters<typeof dispatcher.subscribe>[0]) => dispatcher.subscribe((e) => (wire.push(encodeWire(e)), listener(e))),
  };
  const transport = createMemoryTransport(recording);
  clients = {
    wallet: createProxy(walletService, transport),
    hub: createProxy(hubService, transport),
    rewards: createProxy(rewardsService, transport),
    localNetwork: createProxy(localNetworkService, transport),
  };
}, 180_000);

afterAll(async () => {
  await services?.dispose();
  await network?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function progressContext() {
  return { jobId: 'test', signal: new AbortController().signal, progress: () => undefined };
}

describe('workstation against the local network', () => {
  let items: AssignedItem[] = [];

  it('makes the local hub the default, signs in with SIWE and gets the demo task assigned', async () => {
    const created = await clients.wallet.create({ password: 'correct horse' });
    const hubs = await clients.hub.list({});
    expect(hubs.defaultHub).toBe(network.hubUrl);
    expect(hubs.hubs[0]).toMatchObject({ hubUrl: network.hubUrl, local: true, config: { chainId: network.chainId, rpcUrl: network.rpcUrl } });
    expect((await clients.hub.signIn({ hubUrl: network.hubUrl })).signedInAs).toBe(created.address);
    const tasks = await clients.hub.listTasks({ hubUrl: network.hubUrl });
    expect(tasks.map((t) => t.taskId).sort()).toEqual([network.demoTaskId, network.reviewDemo.labelBesideTaskId, network.reviewDemo.disputedTaskId].sort());
    expect(tasks.find((t) => t.taskId === network.demoTaskId)).toMatchObject({ redundancy: 1, title: expect.stringContaining('k = 1') });
    items = (await clients.hub.requestAssignment({ hubUrl: network.hubUrl, taskId: network.demoTaskId, count: 10 })).items;
    expect(items).toHaveLength(6);
  });

  it('downloads the task media, resuming a partial file and checking every sha256', async () => {
    const dir = taskMediaDir(dataDir, network.hubUrl, network.demoTaskId);
    const first = items[0]!;
    const original = await readFile(path.join(dataDir, 'demo', first.fileName));
    await mkdir(dir, { recursive: true });
    const firstTarget = path.join(dir, `${first.sha256}${path.extname(first.fileName)}`);
    await writeFile(`${firstTarget}.part`, original.subarray(0, 100)); // an interrupted earlier run
    const corrupt = items[1]!;
    await writeFile(path.join(dir, `${corrupt.sha256}${path.extname(corrupt.fileName)}.part`), Buffer.from('not the image'));

    const params = { kind: 'download' as const, hubUrl: network.hubUrl, taskId: network.demoTaskId, items: items.map((i) => ({ sha256: i.sha256, fileName: i.fileName })) };
    // The corrupt partial file continues with the right tail, fails its hash and is removed.
    await expect(services.downloadJob(params, progressContext())).rejects.toThrow(/sha256/);
    const result = (await services.downloadJob(params, progressContext())) as DownloadJobResult;
    expect(result.files).toHaveLength(6);
    for (const file of result.files) {
      const bytes = await readFile(path.join(result.rootPath, file.relPath));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    expect(await readFile(firstTarget)).toEqual(original);
    expect((await createRootStore(dataDir).list()).map((r) => r.rootId)).toContain(result.rootId);
  });

  it('refuses to sign an item with more boxes than the hub takes, naming the item and the limit (no signature, no 413 loop)', async () => {
    const shapes = Array.from({ length: 1_500 }, (_, i) => ({ className: 'vehicle', box: { x: i % 500, y: Math.floor(i / 500) * 60, w: 20, h: 20 } }));
    const item = items[0]!;
    await expect(clients.hub.prepareBatch({ hubUrl: network.hubUrl, taskId: network.demoTaskId, items: [{ itemId: item.itemId, shapes }] })).rejects.toMatchObject({
      message: expect.stringContaining(`item ${item.itemId} has 1500 boxes; this hub takes at most 1000 per item`),
      details: { code: 'over-hub-limit' },
    });
  });

  it('shows what will be signed, signs only on confirm, and the hub accepts it once', async () => {
    const batchItems = items.map((item, i) => ({ itemId: item.itemId, shapes: [{ className: 'vehicle', box: { x: 10 + i, y: 20, w: 100, h: 50 } }] }));
    const { requestId, summary } = await clients.hub.prepareBatch({ hubUrl: network.hubUrl, taskId: network.demoTaskId, items: batchItems });
    const status = await clients.wallet.status({});
    expect(summary).toMatchObject({ taskId: network.demoTaskId, itemCount: 6, hub: network.hubUrl, annotator: status.address, chainId: network.chainId, verifyingContract: network.rewards });
    expect(summary.root).toMatch(/^0x[0-9a-f]{64}$/);

    const signed = await clients.hub.signBatch({ requestId });
    const upload = await clients.hub.uploadSigned({ signed });
    expect(upload).toMatchObject({ status: 'accepted', receipt: { duplicate: false, root: summary.root } });
    expect(signed.batch).toMatchObject({ root: summary.root, nonce: summary.nonce, deadline: summary.deadline });
    // A request is signed once.
    await expect(clients.hub.signBatch({ requestId })).rejects.toMatchObject({ details: { code: 'unknown-request' } });
    // A retry re-sends the identical signed batch: the hub knows it.
    expect(await clients.hub.uploadSigned({ signed })).toMatchObject({ status: 'accepted', receipt: { duplicate: true } });
    // Tampered labels: the hub refuses with its reason, nothing to retry.
    const tampered = { ...signed, items: signed.items.map((it, i) => (i === 0 ? { ...it, shapes: [{ className: 'tree', box: { x: 0, y: 0, w: 1, h: 1 } }] } : it)) };
    const refused = await clients.hub.uploadSigned({ signed: tampered });
    expect(refused.status).toBe('rejected');
    if (refused.status === 'rejected') expect(refused.failure.reason).toMatch(/root/);
    // An unreachable hub is a network failure: keep the batch and retry later.
    const offline = await clients.hub.uploadSigned({ signed: { ...signed, hubUrl: 'http://127.0.0.1:9' } });
    expect(offline).toMatchObject({ status: 'network', failure: { kind: 'network' } });
  });

  it('closes the epoch and claims: the token balance rises by exactly the earned amount', async () => {
    const epoch = await clients.hub.closeLocalEpoch({ hubUrl: network.hubUrl });
    expect(epoch.txHash).toMatch(/^0x/);
    const before = await clients.rewards.get({ hubUrl: network.hubUrl });
    const expected = (6n * BigInt(DEMO_REWARD_PER_ITEM)).toString();
    expect(before).toMatchObject({ earned: expected, claimed: '0', claimable: expected, balance: '0', tokenDecimals: 18 });

    const mined = new Promise<ClaimStatus>((resolve) => clients.rewards.on('claimChanged', (c) => c.status !== 'pending' && resolve(c)));
    const pending = await clients.rewards.claim({ hubUrl: network.hubUrl });
    expect(pending).toMatchObject({ status: 'pending', amount: expected });
    expect(pending.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await mined).toMatchObject({ status: 'mined', txHash: pending.txHash });
    const after = await clients.rewards.get({ hubUrl: network.hubUrl });
    expect(after).toMatchObject({ claimed: expected, claimable: '0', balance: (BigInt(before.balance) + BigInt(expected)).toString() });
    await expect(clients.rewards.claim({ hubUrl: network.hubUrl })).rejects.toMatchObject({ details: { code: 'nothing-to-claim' } });
  });

  it('the k = 3 demo: two simulated annotators labeled before the user; the user\'s labels (the truth) outvote the dissenter and leave a dispute', async () => {
    const taskId = network.reviewDemo.labelBesideTaskId;
    const mine = (await clients.hub.requestAssignment({ hubUrl: network.hubUrl, taskId, count: 10 })).items;
    expect(mine.map((i) => i.fileName).sort()).toEqual([...LABEL_BESIDE_FILES].sort());
    const { requestId } = await clients.hub.prepareBatch({ hubUrl: network.hubUrl, taskId, items: mine.map((i) => ({ itemId: i.itemId, shapes: DEMO_TRUTH[i.fileName]! })) });
    expect(await clients.hub.uploadSigned({ signed: await clients.hub.signBatch({ requestId }) })).toMatchObject({ status: 'accepted' });
    // The operator's full view; it waits for the item's consensus round.
    const operator = localOperator();
    const statusOf = async (fileName: string) => {
      const item = mine.find((i) => i.fileName === fileName)!;
      return (await operator.call(network.hubUrl, getItemRoute, { params: { itemId: item.itemId } })).status;
    };
    expect(await statusOf('street-01.png')).toBe('disputed');
    for (const fileName of ['street-02.png', 'park-04.jpg', 'yard-06.webp']) expect(await statusOf(fileName)).toBe('accepted');
  });

  it('one click makes the user reviewer on the local network the host started, and on no other hub', async () => {
    const other = 'http://127.0.0.1:9';
    await expect(clients.localNetwork.makeMeReviewer({ hubUrl: other })).rejects.toMatchObject({ details: { code: 'not-own-local-network' } });
    // A host that started no local network: refused even for this very hub (the registry calls it local).
    await expect(createLocalNetworkService(null, services.walletKeys).makeMeReviewer({ hubUrl: network.hubUrl })).rejects.toMatchObject({ details: { code: 'not-own-local-network' } });
    await expect(clients.hub.listDisputes({ hubUrl: network.hubUrl })).rejects.toMatchObject({ details: { code: 'not_reviewer' } });
    expect(await clients.localNetwork.status({})).toEqual({ hubUrl: network.hubUrl });

    const { address } = await clients.wallet.status({});
    expect(await clients.localNetwork.makeMeReviewer({ hubUrl: network.hubUrl })).toMatchObject({ address, roles: expect.arrayContaining(['reviewer']) });
    expect((await clients.hub.signIn({ hubUrl: network.hubUrl })).roles).toContain('reviewer');
    // The seeded disputes are there to review; street-01, which the user labeled, never is.
    const disputes = await clients.hub.listDisputes({ hubUrl: network.hubUrl });
    expect(disputes.map((d) => d.fileName).sort()).toEqual(['park-03.jpg', 'yard-05.webp']);
    expect(disputes.every((d) => d.taskId === network.reviewDemo.disputedTaskId && d.submissions.length === 3)).toBe(true);
  });

  it('never put the private key on the wire', () => {
    const key = services.walletKeys.signer().privateKey.slice(2).toLowerCase();
    expect(wire.length).toBeGreaterThan(10);
    for (const message of wire) expect(message.toLowerCase()).not.toContain(key);
  });
});
