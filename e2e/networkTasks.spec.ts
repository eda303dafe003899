import { expect, test } from '@playwright/test';
import { connectRpc } from '../native/chain';
import { LabelingPage } from './pages/LabelingPage';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { publishTask, startNetworkStack, type NetworkStack } from './support/networkStack';
import { fundWallet } from './support/requesterRole';
import { labelEveryItem, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// Issue 12 part 5: a downloaded task's items carry the requester's file names (not 64-character hashes),
// the sign dialog fits the window at 1280×800 and shows the whole merkle root on demand, and the stake
// panel shows the new stake and balance once its transaction, or a reward claim, is mined, without a Refresh click.
const TASK = 'Named streets';
const IMAGES = 2;
const TOKEN = 10n ** 18n;
const REWARD = 1000n;

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('nettasks', ['a']);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
});

test('a network task shows file names, a sign dialog that fits and reveals the root, and a stake panel that follows its transaction', async ({ browser }) => {
  test.setTimeout(300_000);
  const { hub, anvil, chain } = stack!;
  await publishTask(hub, { title: TASK, images: IMAGES, redundancy: 1, rewardPerItem: REWARD.toString(), classes: ['sign'] });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await new ProjectListPage(page).open(workstations!.hosts[0]!.url);
  const network = await new NetworkPage(page).open();
  const address = await network.createWallet('correct horse battery');
  // Gas and 20 tokens before the hub is connected: the stake panel's first read shows them.
  const provider = connectRpc(anvil.rpcUrl);
  try {
    await fundWallet(provider, chain.token, address, { eth: TOKEN, tokens: 20n * TOKEN });
  } finally {
    provider.destroy();
  }
  await network.connectHub(hub.url, anvil.rpcUrl);

  // File names: the item list and the status bar show the requester's names; the hash stays the identity (the file, the tooltip).
  await network.downloadAndOpen(TASK);
  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(IMAGES);
  await expect(labeling.itemRows.locator('.name')).toHaveText(['street-0.png', 'street-1.png']);
  const first = labeling.itemRows.first();
  const relPath = (await first.getAttribute('data-rel-path'))!;
  expect(relPath).toMatch(/^[0-9a-f]{64}\.png$/);
  await expect(first).toHaveAttribute('title', new RegExp(relPath.replace('.', '\\.')));
  await labeling.openItem(relPath);
  await expect(page.getByTestId('status-item-name')).toContainText('street-0.png');
  await expect(page.getByTestId('status-item-name')).not.toContainText(relPath.slice(0, 64));

  // The sign dialog: nothing wider than the dialog or the window; the root wraps and shows in full on demand.
  await labelEveryItem(page, IMAGES, 'sign', { x: 60, y: 50, w: 120, h: 90 });
  await network.open();
  const dialog = await network.submitForSigning();
  const root = dialog.getByTestId('sign-root');
  await expect(root).toHaveText(/^0x[0-9a-f]{64}$/);
  const overflow = await dialog.evaluate((d) => ({
    dialog: d.scrollWidth - d.clientWidth,
    page: d.ownerDocument.documentElement.scrollWidth - d.ownerDocument.documentElement.clientWidth,
    cellsOutside: [...d.querySelectorAll('td, th, code')].filter((c) => c.getBoundingClientRect().right > d.getBoundingClientRect().right + 0.5).length,
  }));
  expect(overflow).toEqual({ dialog: 0, page: 0, cellsOutside: 0 });
  await expect(root).toHaveAttribute('data-expanded', 'false');
  await dialog.getByTestId('sign-root-full').click();
  await expect(root).toHaveAttribute('data-expanded', 'true');
  // Shown in full: the element draws every line it holds (nothing clipped) and stays inside the dialog.
  expect(await root.evaluate((c) => c.scrollHeight - c.clientHeight)).toBeLessThanOrEqual(1);
  expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBe(0);
  const rootText = (await root.textContent())!;
  await dialog.getByTestId('sign-root-copy').click();
  await expect(dialog.getByTestId('sign-root-copy')).toHaveText('Copied');
  const clipboard = () => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();
  expect(await page.evaluate(clipboard)).toBe(rootText);
  await dialog.getByTestId('confirm-sign').click();
  await expect(dialog).toHaveCount(0);
  await expect(network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 60_000 });

  // The stake panel follows the transaction: active stake up, balance down, no Refresh pressed.
  await expect(page.getByTestId('stake-balance')).toHaveAttribute('data-value', (20n * TOKEN).toString(), { timeout: 30_000 });
  await expect(page.getByTestId('stake-active')).toHaveAttribute('data-value', '0');
  await network.stake('5');
  await expect(page.getByTestId('stake-active')).toHaveAttribute('data-value', (5n * TOKEN).toString(), { timeout: 30_000 });
  await expect(page.getByTestId('stake-balance')).toHaveAttribute('data-value', (15n * TOKEN).toString());

  // A claim is another panel's transaction: the stake panel's balance follows it too (it used to wait for Refresh).
  await hub.closeEpoch();
  await page.getByTestId('rewards-refresh').click();
  await expect(network.claimable).toHaveAttribute('data-value', (REWARD * BigInt(IMAGES)).toString());
  await network.claim();
  await expect(page.getByTestId('stake-balance')).toHaveAttribute('data-value', (15n * TOKEN + REWARD * BigInt(IMAGES)).toString(), { timeout: 30_000 });
  await context.close();
});
