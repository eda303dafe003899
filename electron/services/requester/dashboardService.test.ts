import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { ANVIL_ACCOUNTS, connectRpc, fundTask, rewardsDistributorAt } from '../../../native/chain';
import { createDispatcher, registerService } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { hubService, requesterService, walletService, type BatchItem } from '../../common/services';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { localRequester } from '../localNetwork/localHubAccounts';
import { demoFileNames, ensureDemoFolder } from '../media/demoFolder';
import { createRootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';
import { createRequesterService } from './dashboardServiceImpl';

// The requester's dashboard and download as the renderer calls them (proxies over the contract), against
// the real local network (anvil + hub on PGlite in a child process): a k = 3 task published and funded by
// anvil account 1 — the wallet this workstation imports — labeled by three other workstations.

const REWARD = 10n ** 18n;
const DEPOSIT = 40n * REWARD;
const SCRYPT = { n: 1 << 12, r: 8, p: 1 };

interface Station {
  services: NetworkServices;
  requester: ReturnType<typeof createRequesterService>;
  wallet: ReturnType<typeof createProxy<typeof walletService>>;
  hub: ReturnType<typeof createProxy<typeof hubService>>;
  dashboard: ReturnType<typeof createProxy<typeof requesterService>>;
}

let root: string;
let network: LocalNetwork;
const stations: Station[] = [];
let owner: Station;
let taskId: string;
let itemIds: string[];

async function station(name: string): Promise<Station> {
  const dataDir = path.join(root, name);
  await mkdir(dataDir, { recursive: true });
  const events = createEventBus();
  const services = await createNetworkServices(dataDir, createRootStore(dataDir), events, { wallet: { scrypt: SCRYPT }, localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl } });
  const requester = createRequesterService(services.registry, services.client);
  const transport = createMemoryTransport(createDispatcher([...services.registrations, registerService(requesterService, requester.service)], { events }));
  const s = { services, requester, wallet: createProxy(walletService, transport), hub: createProxy(hubService, transport), dashboard: createProxy(requesterService, transport) };
  stations.push(s);
  return s;
}

/** A task of the first five demo images, k = 3, published through the hub's API by anvil account 1 and funded on chain. */
async function publishTask(): Promise<string> {
  const client = localRequester();
  const folder = await ensureDemoFolder(root);
  const items = [];
  for (const fileName of demoFileNames.slice(0, 5)) {
    const bytes = await readFile(path.join(folder, fileName));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { width, height } = await sharp(bytes).metadata();
    await client.authedFetch(network.hubUrl, `/media/${sha256}`, { method: 'PUT', bytes });
    items.push({ sha256, fileName, width: width!, height: height! });
  }
  const labelSchema = { classes: ['vehicle', 'sign'].map((id) => ({ id, name: id, color: '#d9480f', attributes: [] })) };
  const task = await client.authed<{ taskId: string; task: string }>(network.hubUrl, '/tasks', { body: { title: 'Dashboard test', labelSchema, redundancy: 3, rewardPerItem: REWARD.toString(), items } });
  const provider = connectRpc(network.rpcUrl);
  try {
    await fundTask(new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider), network.rewards, network.token, task.task, DEPOSIT);
  } finally {
    provider.destroy();
  }
  return task.taskId;
}

const boxAt = (x: number, className = 'vehicle') => [{ className, box: { x, y: 20, w: 60, h: 40 } }];

/** Annotator `n` of three: items 0 and 1 all agree; on item 2 annotator 2 dissents (accepted 2 of 3); item 3 all differ (disputed); item 4 is never submitted (open). */
function labelsOf(n: number, itemIndex: number): BatchItem['shapes'] {
  if (itemIndex === 2 && n === 2) return boxAt(300);
  if (itemIndex === 3) return boxAt(10 + n * 150, n === 1 ? 'sign' : 'vehicle');
  return boxAt(10 + itemIndex);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gw-dashboard-'));
  network = await startLocalNetwork({ dataDir: root });
  taskId = await publishTask();
  owner = await station('requester');
  await owner.wallet.import({ privateKey: ANVIL_ACCOUNTS[1].privateKey, password: 'correct horse' });
  for (let n = 0; n < 3; n++) {
    const s = await station(`annotator-${n}`);
    await s.wallet.create({ password: 'correct horse' });
    const { items } = await s.hub.requestAssignment({ hubUrl: network.hubUrl, taskId, count: 10 });
    // The hub hands items out at random: index them by file name, the order they were published in.
    const byIndex = [...items].sort((a, b) => demoFileNames.indexOf(a.fileName) - demoFileNames.indexOf(b.fileName));
    itemIds = byIndex.map((i) => i.itemId);
    const batch = byIndex.slice(0, 4).map((item, i) => ({ itemId: item.itemId, shapes: labelsOf(n, i) }));
    const { requestId } = await s.hub.prepareBatch({ hubUrl: network.hubUrl, taskId, items: batch });
    const upload = await s.hub.uploadSigned({ signed: await s.hub.signBatch({ requestId }) });
    if (upload.status !== 'accepted') throw new Error(`annotator ${n}'s batch: ${JSON.stringify(upload)}`);
  }
}, 300_000);

afterAll(async () => {
  for (const s of stations) {
    s.requester.dispose();
    await s.services.dispose();
  }
  await network?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("the requester's dashboard", () => {
  it("lists the wallet's tasks on the hub, and none for an annotator", async () => {
    const mine = await owner.dashboard.myTasks({ hubUrl: network.hubUrl });
    expect(mine).toMatchObject({ hubUrl: network.hubUrl, account: ANVIL_ACCOUNTS[1].address, isRequester: true });
    expect(mine.tasks.map((t) => t.taskId)).toEqual([network.demoTaskId, taskId]);
    expect(mine.tasks[1]).toMatchObject({ title: 'Dashboard test', redundancy: 3, rewardPerItem: REWARD.toString(), itemCount: 5 });
    const theirs = await stations[1]!.dashboard.myTasks({ hubUrl: network.hubUrl });
    expect(theirs).toMatchObject({ isRequester: false, tasks: [] });
  });

  it('shows counts, agreement, spend against the pool read from the chain, and each annotator', async () => {
    // Consensus runs after the batch response: wait for the last round.
    await expect.poll(async () => (await owner.dashboard.taskProgress({ hubUrl: network.hubUrl, taskId })).progress.items, { timeout: 30_000 }).toEqual({ open: 1, accepted: 3, disputed: 1, resolved: 0 });
    await stations[1]!.hub.closeLocalEpoch({ hubUrl: network.hubUrl });
    const { progress, chain, chainError } = await owner.dashboard.taskProgress({ hubUrl: network.hubUrl, taskId });
    expect(chainError).toBeNull();
    // 3 accepted items × 3 submissions, one of them the dissent on item 2.
    expect(progress.agreementRate).toBeCloseTo(8 / 9);
    expect(progress.spend).toMatchObject({ allocated: (8n * REWARD).toString(), pending: '0', committed: (8n * REWARD).toString() });
    expect(progress.costPerAcceptedItem).toBe(((8n * REWARD) / 3n).toString());
    expect(progress.eta).toMatchObject({ remainingItems: 2, done: false });
    expect(chain).toMatchObject({
      chainId: network.chainId,
      contract: network.rewards,
      task: taskIdToBytes32(taskId),
      requester: ANVIL_ACCOUNTS[1].address,
      token: network.token,
      tokenSymbol: 'GWT',
      tokenDecimals: 18,
      deposited: DEPOSIT.toString(),
      allocated: (8n * REWARD).toString(),
      unallocated: (DEPOSIT - 8n * REWARD).toString(),
      refunded: '0',
      refundedAt: null,
      depositedTotal: DEPOSIT.toString(),
      closesAt: null,
    });
    const annotators = Object.fromEntries(progress.annotators.map((a) => [a.annotator.toLowerCase(), a]));
    const dissenter = (await stations[3]!.wallet.status({})).address!.toLowerCase();
    expect(annotators[dissenter]).toMatchObject({ assigned: 5, submitted: 4, agreed: 2, rejected: 1, undecided: 1, earnings: { allocated: (2n * REWARD).toString() } });
    expect(progress.annotators).toHaveLength(3);
  });

  it("refuses another wallet's task with the hub's not_your_task", async () => {
    await expect(stations[1]!.dashboard.taskProgress({ hubUrl: network.hubUrl, taskId })).rejects.toMatchObject({ details: { kind: 'rejected', code: 'not_your_task' } });
    const folder = await mkdtemp(path.join(root, 'foreign-'));
    await expect(stations[1]!.dashboard.exportDataset({ hubUrl: network.hubUrl, taskId, format: 'coco', includeDisputed: false, folder })).rejects.toMatchObject({ details: { code: 'not_your_task' } });
    expect(await readdir(folder)).toEqual([]);
  });

  it('after close and refund, reads the refunded amount and when from the chain, and the deposit in total', async () => {
    const provider = connectRpc(network.rpcUrl);
    try {
      const rewards = rewardsDistributorAt(network.rewards, new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider));
      const task = taskIdToBytes32(taskId);
      await (await rewards.requestClose(task)).wait();
      const closing = (await owner.dashboard.taskProgress({ hubUrl: network.hubUrl, taskId })).chain!;
      expect(closing).toMatchObject({ deposited: DEPOSIT.toString(), refunded: '0', refundedAt: null, depositedTotal: DEPOSIT.toString() });
      expect(closing.closesAt).not.toBeNull();

      const latest = await provider.getBlock('latest');
      await provider.send('evm_increaseTime', [closing.closesAt! - latest!.timestamp + 1]);
      await provider.send('evm_mine', []);
      const receipt = await (await rewards.refund(task)).wait();
      const refundBlock = await provider.getBlock(receipt!.blockNumber);

      const { chain, chainError } = await owner.dashboard.taskProgress({ hubUrl: network.hubUrl, taskId });
      expect(chainError).toBeNull();
      // The contract lowered `deposited` to what was allocated; the refund is read from its Refunded event.
      expect(chain).toMatchObject({
        deposited: (8n * REWARD).toString(),
        allocated: (8n * REWARD).toString(),
        unallocated: '0',
        refunded: (DEPOSIT - 8n * REWARD).toString(),
        refundedAt: refundBlock!.timestamp,
        depositedTotal: DEPOSIT.toString(),
        closesAt: closing.closesAt,
      });
    } finally {
      provider.destroy();
    }
  });
});

describe('downloading the dataset', () => {
  it('writes <taskId>-<format>.zip whole into the chosen folder, with its hash; nothing else is left there', async () => {
    const folder = await mkdtemp(path.join(root, 'datasets-'));
    const saved = await owner.dashboard.exportDataset({ hubUrl: network.hubUrl, taskId, format: 'coco', includeDisputed: true, folder });
    expect(saved.path).toBe(path.join(folder, `${taskId}-coco.zip`));
    expect(await readdir(folder)).toEqual([`${taskId}-coco.zip`]);
    const bytes = await readFile(saved.path);
    expect(saved.bytes).toBe(bytes.length);
    expect(saved.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const files = unzipSync(bytes);
    expect(saved.entries).toBe(Object.keys(files).length);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    expect(JSON.stringify(manifest)).toContain(taskId);
    const lineage = new TextDecoder().decode(files['lineage.jsonl']).trim().split('\n');
    // Final items and, asked for, the disputed one: the open item has nothing to deliver.
    expect(lineage.map((l) => (JSON.parse(l) as { itemId: string }).itemId).sort()).toEqual(itemIds.slice(0, 4).sort());
    expect(Object.keys(files).some((p) => p.startsWith('disputed/'))).toBe(true);

    // Again without the disputed items, in another format: a second file, the first untouched.
    const yolo = await owner.dashboard.exportDataset({ hubUrl: network.hubUrl, taskId, format: 'yolo', includeDisputed: false, folder });
    expect(Object.keys(unzipSync(await readFile(yolo.path))).some((p) => p.startsWith('disputed/'))).toBe(false);
    expect((await readdir(folder)).sort()).toEqual([`${taskId}-coco.zip`, `${taskId}-yolo.zip`].sort());
    expect(createHash('sha256').update(await readFile(saved.path)).digest('hex')).toBe(saved.sha256);
  });

  it('refuses a folder that is relative, missing, a file or read-only, before asking the hub', async () => {
    const base = { hubUrl: network.hubUrl, taskId, format: 'coco' as const, includeDisputed: false };
    await expect(owner.dashboard.exportDataset({ ...base, folder: 'datasets' })).rejects.toMatchObject({ details: { code: 'folder-not-absolute' } });
    await expect(owner.dashboard.exportDataset({ ...base, folder: path.join(root, 'no-such-folder') })).rejects.toMatchObject({ details: { code: 'folder-missing' }, message: expect.stringContaining('does not exist') });
    const file = path.join(root, 'a-file.txt');
    await writeFile(file, 'x');
    await expect(owner.dashboard.exportDataset({ ...base, folder: file })).rejects.toMatchObject({ details: { code: 'not-a-folder' } });
    await expect(readdir(path.join(root, 'no-such-folder'))).rejects.toThrow();
    // A read-only folder (root ignores permission bits: a read-only file system stands in for it there).
    const readOnly = process.getuid?.() === 0 ? '/proc/self' : await mkdtemp(path.join(root, 'read-only-'));
    if (readOnly !== '/proc/self') await chmod(readOnly, 0o500);
    await expect(owner.dashboard.exportDataset({ ...base, folder: readOnly })).rejects.toMatchObject({ details: { code: 'folder-not-writable' } });
  });

  it('leaves no partial file when the hub is gone', async () => {
    const folder = await mkdtemp(path.join(root, 'offline-'));
    await network.stop();
    const error = await owner.dashboard.exportDataset({ hubUrl: network.hubUrl, taskId, format: 'coco', includeDisputed: false, folder }).catch((e: unknown) => e);
    expect(error).toMatchObject({ details: { kind: 'network' } });
    expect(await readdir(folder)).toEqual([]);
  });
});
