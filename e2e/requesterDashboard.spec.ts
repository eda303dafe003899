import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Wallet, parseUnits } from 'ethers';
import { unzipSync } from 'fflate';
import { box } from '../hub/testKit';
import { ANVIL_ACCOUNTS } from '../native/chain';
import { RequesterDashboard } from './pages/RequesterDashboard';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { apiAnnotator, labelAssigned } from './support/hubActors';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// The requester watches a k = 3 task it published (anvil account 1, the stack's requester, imported into the
// workstation as a keystore) being labeled by three annotators, then downloads the COCO dataset to a folder.

const PASSWORD = 'correct horse battery';
const R = parseUnits('1', 18);
const IMAGES = 4;
const AT = { x: 40, y: 50, w: 80, h: 60 };
const FAR = { x: 220, y: 150, w: 80, h: 60 };

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let downloads: string | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('dashboard', ['requester']);
  downloads = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-datasets-'));
});

test.afterAll(async () => {
  await workstations?.stop();
  await stack?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

test('a requester sees its task’s counts, agreement and pool, and downloads COCO with lineage to a folder it chose', async ({ browser }) => {
  test.setTimeout(300_000);
  const { hub, anvil } = stack!;
  const requester = new Wallet(ANVIL_ACCOUNTS[1].privateKey);

  // The workstation's wallet is the stack's requester: its keystore imported from a file.
  const page = await (await browser.newContext()).newPage();
  await new ProjectListPage(page).open(workstations!.hosts[0]!.url);
  const network = await new NetworkPage(page).open();
  await page.getByTestId('wallet-import-file').setInputFiles({ name: 'requester.json', mimeType: 'application/json', buffer: Buffer.from(await requester.encrypt(PASSWORD)) });
  await page.getByTestId('wallet-password').fill(PASSWORD);
  await page.getByTestId('wallet-import').click();
  await expect(network.walletAddress).toHaveText(requester.address, { timeout: 60_000 });

  // A task of 4 images with k = 3, funded with 24 tokens; three annotators: item 2 one dissents, item 3 all differ.
  const taskId = await publishTask(hub, { title: 'Street signs', images: IMAGES, redundancy: 3, rewardPerItem: R.toString(), classes: ['sign', 'vehicle'] });
  const deposited = 2n * BigInt(IMAGES) * 3n * R;
  const at = (c: string, p: typeof AT) => [box(c, p.x, p.y, p.w, p.h)];
  const [a, b, c] = [await apiAnnotator(hub), await apiAnnotator(hub), await apiAnnotator(hub)];
  await labelAssigned(hub, a, taskId, () => at('c0', AT));
  await labelAssigned(hub, b, taskId, (file) => at(file === 'street-3.png' ? 'c1' : 'c0', AT));

  await network.connectHub(hub.url, anvil.rpcUrl);
  const dashboard = new RequesterDashboard(page);
  await dashboard.open(taskId);
  // Two of three submissions per item: nothing is decided yet.
  await expect(dashboard.figure('dashboard-open')).toHaveAttribute('data-value', String(IMAGES));
  await expect(dashboard.figure('dashboard-eta')).toHaveText('not enough data yet');
  await expect(dashboard.figure('dashboard-cost-per-item')).toHaveText('no accepted item yet');

  await labelAssigned(hub, c, taskId, (file) => at('c0', file === 'street-2.png' || file === 'street-3.png' ? FAR : AT));
  await hub.context.consensusIdle();
  await dashboard.refresh();
  for (const [k, v] of Object.entries({ open: 0, accepted: 3, disputed: 1, resolved: 0 })) await expect(dashboard.figure(`dashboard-${k}`)).toHaveAttribute('data-value', String(v));
  // 9 submissions on the 3 accepted items, 1 of them the dissent.
  expect(Number(await dashboard.value('dashboard-agreement'))).toBeCloseTo(8 / 9);
  await expect(dashboard.figure('dashboard-agreement')).toHaveText('88.9 %');
  await expect(dashboard.figure('dashboard-eta')).toHaveText(/^(about \d+ (min|h|days)|under a minute)$/);
  // Nothing allocated yet: 8 agreeing submissions × 1 token are pending; the pool is read from the chain in GWT.
  await expect(dashboard.figure('dashboard-spend')).toHaveAttribute('data-pending', (8n * R).toString());
  await expect(dashboard.figure('dashboard-spend')).toHaveAttribute('data-deposited', deposited.toString());
  await expect(dashboard.figure('dashboard-spend')).toHaveText('8 GWT committed of 24 GWT deposited');
  await expect(dashboard.figure('dashboard-pool-remaining')).toHaveAttribute('data-value', deposited.toString());
  await expect(dashboard.dashboard.getByTestId('dashboard-annotator')).toHaveCount(3);
  await expect(dashboard.dashboard.locator(`[data-testid="dashboard-annotator"][data-address="${c.wallet.address}" i] td`).nth(4)).toHaveText('1');

  // The epoch closes: the open dashboard reads again by itself (every ~10 s) and shows the allocation and the pool's rest.
  await hub.closeEpoch();
  await expect(dashboard.figure('dashboard-spend')).toHaveAttribute('data-allocated', (8n * R).toString(), { timeout: 30_000 });
  await expect(dashboard.figure('dashboard-pool-remaining')).toHaveAttribute('data-value', (deposited - 8n * R).toString());
  await expect(dashboard.figure('dashboard-pool-remaining')).toContainText('16 GWT unallocated on chain');
  await expect(dashboard.figure('dashboard-cost-per-item')).toHaveAttribute('data-value', ((8n * R) / 3n).toString());
  // 8 GWT over 3 accepted items is shown rounded and marked, not as eighteen digits of an integer division.
  await expect(dashboard.figure('dashboard-cost-per-item')).toContainText('≈ 2.6667 GWT');
  // The fund panel in the dashboard is for this task.
  await expect(dashboard.dashboard.getByTestId('fund-task-id')).toHaveValue(taskId);
  await expect(page.getByTestId('fund-task-panel')).toHaveCount(1);

  // A folder that does not exist is refused in words; the view keeps working and the next try saves the zip.
  const missing = await dashboard.download('coco', path.join(downloads!, 'nope'));
  await expect(missing.error).toContainText('does not exist');
  const saved = await dashboard.download('coco', downloads!);
  await expect(saved.error).toHaveCount(0);
  const zipPath = path.join(downloads!, `${taskId}-coco.zip`);
  await expect(saved.done).toHaveAttribute('data-path', zipPath);
  expect(await readdir(downloads!)).toEqual([`${taskId}-coco.zip`]);
  const zip = await readFile(zipPath);
  await expect(saved.done).toHaveAttribute('data-bytes', String(zip.length));
  const files = unzipSync(zip);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  expect(JSON.stringify(manifest)).toContain(taskId);
  expect(files['dataset/annotations.json']).toBeDefined();
  // Final items only by default: the disputed one is left out.
  expect(new TextDecoder().decode(files['lineage.jsonl']).trim().split('\n')).toHaveLength(3);
  expect(Object.keys(files).some((p) => p.startsWith('disputed/'))).toBe(false);
});
