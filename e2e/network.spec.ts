import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Contract } from 'ethers';
import { connectRpc } from '../native/chain';
import { LabelingPage } from './pages/LabelingPage';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { startHost, type RunningHost } from './support/startHost';

const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || fileURLToPath(new URL('../out/renderer', import.meta.url));
const TASK = 'Street signs';
const REWARD_PER_ITEM = 10n ** 18n;
const IMAGES = 2;
// Both annotators draw this box on every item: their labels agree, so every item is accepted.
const BOX = { x: 60, y: 50, w: 120, h: 90 };

let stack: NetworkStack | null = null;
const hosts: RunningHost[] = [];
let workDir = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-network-'));
  stack = await startNetworkStack();
  // Two workstations, each with its own data folder (and so its own wallet).
  for (const name of ['a', 'b']) hosts.push(await startHost({ dataDir: path.join(workDir, name), rendererDir }));
});

test.afterAll(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  await stack?.stop();
  stack = null;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function workstation(browser: Browser, host: RunningHost): Promise<{ page: Page; network: NetworkPage; address: string }> {
  const page = await (await browser.newContext()).newPage();
  await new ProjectListPage(page).open(host.url);
  const network = await new NetworkPage(page).open();
  const address = await network.createWallet('correct horse battery');
  await network.connectHub(stack!.hub.url, stack!.anvil.rpcUrl);
  return { page, network, address };
}

/** Labels every item of the open project with BOX as `sign` and marks each done, all in the local store. */
async function labelEverything(page: Page): Promise<void> {
  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(IMAGES);
  for (let i = 0; i < IMAGES; i++) {
    const relPath = (await labeling.itemRows.nth(i).getAttribute('data-rel-path'))!;
    await labeling.openItem(relPath);
    await labeling.useClass('sign');
    await labeling.drawBox(BOX);
    await page.getByTestId('mark-done-button').click();
    await expect(labeling.item(relPath)).toHaveAttribute('data-status', 'done');
  }
  await labeling.expectAllSaved();
}

test('two workstations label one task offline, sync, the epoch closes, and one claims its tokens', async ({ browser }) => {
  test.setTimeout(240_000);
  const { hub, anvil, chain } = stack!;
  const taskId = await publishTask(hub, { title: TASK, images: IMAGES, redundancy: 2, rewardPerItem: REWARD_PER_ITEM.toString(), classes: ['vehicle', 'sign'] });

  const a = await workstation(browser, hosts[0]!);
  const b = await workstation(browser, hosts[1]!);
  expect(a.address).not.toBe(b.address);

  // Download first, then label with nothing sent to the hub: all of it lives in each browser's IndexedDB.
  for (const w of [a, b]) {
    await expect(w.network.taskRows).toHaveCount(1);
    await w.network.downloadAndOpen(TASK);
    await labelEverything(w.page);
    await w.network.open();
  }
  expect(await hub.context.db.query('SELECT 1 FROM batches')).toHaveLength(0);

  // Sync: each submits, reads what it signs, signs; the outbox shows the hub's acceptance.
  for (const w of [a, b]) {
    const shown = await w.network.submitAndSign();
    expect(shown).toMatchObject({ itemCount: String(IMAGES), hub: hub.url });
    expect(shown.root).toMatch(/^0x[0-9a-f]{64}$/);
    await expect(w.network.outboxRows).toHaveCount(1);
    await expect(w.network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });
  }
  const items = await hub.context.db.query<{ id: string; status: string }>('SELECT id, status FROM items WHERE task_id = $1', [taskId]);
  expect(items.map((i) => i.status)).toEqual(Array(IMAGES).fill('accepted'));

  // The operator closes the epoch; the root goes on chain.
  const epoch = await hub.closeEpoch();
  expect(epoch.txHash).toMatch(/^0x[0-9a-f]{64}$/);

  // Annotator A claims in the app: gas first (a fresh wallet holds no ETH on the local chain).
  const provider = connectRpc(anvil.rpcUrl);
  try {
    await provider.send('anvil_setBalance', [a.address, '0xDE0B6B3A7640000']);
    const balanceOf = new Contract(chain.token, ['function balanceOf(address) view returns (uint256)'], provider).getFunction('balanceOf');
    const before = (await balanceOf(a.address)) as bigint;
    const expected = REWARD_PER_ITEM * BigInt(IMAGES);
    await a.page.getByTestId('rewards-refresh').click();
    await expect(a.network.claimable).toHaveAttribute('data-value', expected.toString());
    const txHash = await a.network.claim();
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await balanceOf(a.address)) as bigint).toBe(before + expected);
    await expect(a.network.claimable).toHaveAttribute('data-value', '0');
  } finally {
    provider.destroy();
  }
});
