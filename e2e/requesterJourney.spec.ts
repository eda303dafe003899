import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Wallet, formatUnits, parseUnits, type JsonRpcProvider } from 'ethers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { taskIdToBytes32 } from '../core/sync/labelBatch';
import type { LineageLine } from '../core/verify/exportFiles';
import { box, call, signIn } from '../hub/testKit';
import { ANVIL_DEPLOYER_KEY, connectRpc, rewardsDistributorAt, testTokenAt } from '../native/chain';
import { NetworkPage } from './pages/NetworkPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { PublishDialog } from './pages/PublishDialog';
import { RequesterDashboard } from './pages/RequesterDashboard';
import { ReviewPage } from './pages/ReviewPage';
import { apiAnnotator, claimOnChain, grantReviewer, labelAssigned, servedRewards } from './support/hubActors';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { writePhotoSet, type PhotoSetImage } from './support/photoSet';
import { fundWallet, grantRequester } from './support/requesterRole';
import { labelEveryItem, openWorkstation, startWorkstationHosts, type Workstation, type WorkstationHosts } from './support/workstation';

// The requester's whole journey (issue 11 part 7). Who is who:
// - the requester, annotator A and the reviewer are workstations in the real browser, each its own
//   browser host with its own data folder and wallet (three hosts: the machine has two cores);
// - annotators B and C are workstations simulated over the hub's HTTP API (hubActors), with their own
//   keys and real EIP-712 signatures — the same requests the app sends. C is the one who disagrees.
// A draws a `sign` box on every photo. B agrees everywhere but on DISPUTED (calls it a vehicle).
// C calls the sign a vehicle on C_DISAGREES, and on DISPUTED boxes something else: with k = 3 those
// items are accepted by A and B, and DISPUTED, where no two agree, goes to the reviewer.

const TASK = 'Coastal signs';
const IMAGES = 20;
const CLASSES = ['sign', 'vehicle'];
const REWARD = '1.25'; // tokens per item and annotator
const REVIEWER_FEE = '0.4';
const DEPOSIT = '100';
const R = parseUnits(REWARD, 18);
const FEE = parseUnits(REVIEWER_FEE, 18);
const D = parseUnits(DEPOSIT, 18);
const BOX = { x: 60, y: 50, w: 120, h: 90 };
const FAR = { x: 220, y: 150, w: 80, h: 60 };
const INSTRUCTIONS = '# Coastal signs\n\nBox every **sign** (class 1). Leave rocks, trees and water unlabeled.';
/** The example image the task lists (the hub serves it to annotators with the instructions). */
const EXAMPLE = 'photo-01.jpg';
const DISPUTED = 'photo-05.jpg';
const C_DISAGREES = ['photo-02.jpg', 'photo-09.jpg', 'photo-14.jpg', 'photo-17.jpg'];
/** An accepted item whose label the test changes in the downloaded zip. */
const TAMPERED = 'photo-11.jpg';
const ONE_ETH = 10n ** 18n;

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let workDir = '';
let photos: PhotoSetImage[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const step = stepClock();
  step('setup: photos');
  workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-requester-journey-'));
  photos = await writePhotoSet(path.join(workDir, 'photos'), IMAGES);
  // The chain-and-hub stack and the three browser hosts start side by side; whatever started is stopped in afterAll.
  step('setup: anvil, contracts, hub and three browser hosts');
  const [started, hosts] = await Promise.allSettled([startNetworkStack(), startWorkstationHosts('requester-journey', ['requester', 'annotator', 'reviewer'])]);
  if (started.status === 'fulfilled') stack = started.value;
  if (hosts.status === 'fulfilled') workstations = hosts.value;
  for (const r of [started, hosts]) if (r.status === 'rejected') throw r.reason;
  step('end');
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** `npm run verify-dataset -- <args>` as a requester runs it: exit code and everything printed. */
async function verifyDataset(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'verify-dataset', '--', ...args], { cwd: REPO_ROOT, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The requester's workstation: a wallet first, the operator grants it the role, then it connects (tokens and gas on anvil). */
async function openRequester(browser: Browser, hubUrl: string, rpcUrl: string): Promise<Workstation> {
  const page = await (await browser.newContext()).newPage();
  await new ProjectListPage(page).open(workstations!.hosts[0]!.url);
  const network = await new NetworkPage(page).open();
  const address = await network.createWallet('correct horse battery');
  await grantRequester(stack!.hub, ANVIL_DEPLOYER_KEY, address);
  await network.connectHub(hubUrl, rpcUrl);
  return { page, network, address };
}

// ---- The requester's UI steps (publish dialog: renderer/ui/requester/publish; dashboard, fund panel,
// closing controls and export: the requester dashboard in the network view).

/** Opens "Publish to hub…" from the open project, fills the terms, publishes, and returns the hub's task id. */
async function publishFromProject(page: Page, hubUrl: string): Promise<string> {
  const dialog = await new PublishDialog(page).open();
  await expect(dialog.hub).toHaveValue(hubUrl);
  await dialog.fill({ title: TASK, instructions: INSTRUCTIONS, examples: [EXAMPLE], redundancy: '3', reward: REWARD, reviewerFee: REVIEWER_FEE, level: '0' });
  // Nothing labeled in the requester's project, so no honeypots to offer.
  await expect(dialog.honeypots).not.toBeChecked();
  // The most the task can cost at multiplier 1: k × reward × items + fee × items.
  await expect(dialog.budget).toHaveAttribute('data-value', (3n * R * BigInt(IMAGES) + FEE * BigInt(IMAGES)).toString());
  const published = await dialog.publish();
  expect(published.uploaded + published.skipped).toBe(IMAGES);
  await dialog.close();
  return published.taskId;
}

/** The network view's requester dashboard with `taskId` opened from My tasks. */
async function openDashboard(w: Workstation, taskId: string): Promise<RequesterDashboard> {
  await showNetwork(w);
  const dashboard = new RequesterDashboard(w.page);
  await dashboard.open(taskId);
  return dashboard;
}

/** The item counts the dashboard shows (it reads the hub again every ~10 s). */
async function expectDashboardCounts(dashboard: RequesterDashboard, counts: { open: number; accepted: number; disputed: number; resolved: number }): Promise<void> {
  const read = async () => Object.fromEntries(await Promise.all(Object.keys(counts).map(async (k) => [k, Number(await dashboard.value(`dashboard-${k}`))] as const)));
  await expect.poll(read, { timeout: 30_000 }).toEqual(counts);
}

/** The dashboard's money figures, in base units: spend against the pool, the pool's rest, cost per item, each contributor's earnings. */
async function expectDashboardMoney(dashboard: RequesterDashboard, money: { deposited: bigint; allocated: bigint; costPerItem: bigint; earnings: Record<string, bigint> }): Promise<void> {
  const spend = dashboard.figure('dashboard-spend');
  await expect(spend).toHaveAttribute('data-allocated', money.allocated.toString(), { timeout: 30_000 });
  await expect(spend).toHaveAttribute('data-value', money.allocated.toString());
  await expect(spend).toHaveAttribute('data-pending', '0');
  await expect(spend).toHaveAttribute('data-deposited', money.deposited.toString());
  expect(await dashboard.value('dashboard-pool-remaining')).toBe((money.deposited - money.allocated).toString());
  expect(await dashboard.value('dashboard-cost-per-item')).toBe(money.costPerItem.toString());
  const rows = dashboard.dashboard.locator('[data-testid="dashboard-annotator"], [data-testid="dashboard-reviewer"]');
  const earned: Record<string, string> = {};
  for (const row of await rows.all()) earned[(await row.getAttribute('data-address'))!.toLowerCase()] = (await row.locator('td[data-value]').getAttribute('data-value'))!;
  expect(earned).toEqual(Object.fromEntries(Object.entries(money.earnings).map(([account, v]) => [account.toLowerCase(), v.toString()])));
}

/** The fund panel of the task's dashboard (pre-filled with the task): approve and deposit shown before anything is signed, then signed and mined. */
async function fundFromDashboard(w: Workstation, taskId: string, amount: string, pool: () => Promise<bigint>): Promise<void> {
  const panel = (await openDashboard(w, taskId)).dashboard.getByTestId('fund-task-panel');
  await expect(panel.getByTestId('fund-task-id')).toHaveValue(taskId);
  await panel.getByTestId('fund-amount').fill(amount);
  await panel.getByTestId('fund-review').click();
  await expect(panel.getByTestId('fund-step-approve')).toContainText(stack!.chain.rewards);
  await expect(panel.getByTestId('fund-step-deposit')).toContainText(taskIdToBytes32(taskId));
  expect(await pool(), 'nothing on chain before signing').toBe(0n);
  await panel.getByTestId('fund-sign').click();
  await expect(panel.getByTestId('fund-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
}

/** Close task… (requestClose shown, signed), the contract's delay passes on anvil, Reclaim unspent… pays `expected` back. */
async function closeAndReclaim(w: Workstation, provider: JsonRpcProvider, taskId: string, expected: bigint): Promise<void> {
  const { dashboard } = await openDashboard(w, taskId);
  const task = taskIdToBytes32(taskId);
  await dashboard.getByTestId('pool-close-review').click();
  await expect(dashboard.getByTestId('pool-action-summary')).toContainText(`requestClose(${task})`);
  await dashboard.getByTestId('pool-action-sign').click();
  await expect(dashboard.getByTestId('pool-action-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
  const [, , closesAt] = await rewardsDistributorAt(stack!.chain.rewards, provider).poolOf(task);
  const block = await provider.getBlock('latest');
  await provider.send('evm_increaseTime', [Number(closesAt) - block!.timestamp + 1]);
  await provider.send('evm_mine', []);
  await dashboard.getByTestId('pool-refund-review').click();
  await expect(dashboard.getByTestId('pool-action-summary')).toContainText(`pays this wallet ${formatUnits(expected, 18)}`);
  await dashboard.getByTestId('pool-action-sign').click();
  await expect(dashboard.getByTestId('pool-action-status')).toHaveAttribute('data-status', 'mined', { timeout: 30_000 });
}

/** Downloads `format` from the dashboard into a folder the requester chose; returns the zip's path. */
async function exportFromDashboard(dashboard: RequesterDashboard, format: string, folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const { done, error } = await dashboard.download(format, folder);
  await expect(error).toHaveCount(0);
  const zipPath = (await done.getAttribute('data-path'))!;
  expect(path.dirname(zipPath)).toBe(folder);
  expect((await stat(zipPath)).size).toBe(Number(await done.getAttribute('data-bytes')));
  return zipPath;
}

/** The network view, opened unless the workstation is on it already. */
async function showNetwork(w: Workstation): Promise<void> {
  if (!(await w.page.getByTestId('network-view').isVisible())) await w.network.open();
}

/** Names the step the journey starts and logs how long the previous one took (the spec's runtime report); `step('end')` closes the last. */
function stepClock(): (step: string) => void {
  const started = Date.now();
  let current: { name: string; at: number } | null = null;
  return (name) => {
    const now = Date.now();
    if (current) console.log(`requester journey: ${current.name} ${((now - current.at) / 1000).toFixed(1)} s (total ${((now - started) / 1000).toFixed(1)} s)`);
    current = { name, at: now };
  };
}

/** The sha256 of a photo of the set, as the hub keys media. */
async function photoSha(fileName: string): Promise<string> {
  return createHash('sha256').update(await readFile(path.join(workDir, 'photos', fileName))).digest('hex');
}

/** Rows of the task's items on the hub, by file name (the requester's folder names them). */
async function itemsByFile(taskId: string): Promise<Map<string, { id: string; status: string }>> {
  const rows = await stack!.hub.context.db.query<{ id: string; file_name: string; status: string }>('SELECT id, file_name, status FROM items WHERE task_id = $1 ORDER BY idx', [taskId]);
  return new Map(rows.map((r) => [path.basename(r.file_name), { id: r.id, status: r.status }]));
}

/** The exported zip with one number of `fileName`'s first COCO box changed, as someone editing the dataset would. */
function tamperCoco(zip: Uint8Array, fileName: string): Uint8Array {
  const files = unzipSync(zip);
  const cocoPath = Object.keys(files).find((p) => p.startsWith('dataset/') && p.endsWith('.json'));
  if (!cocoPath) throw new Error(`no COCO json under dataset/ in ${Object.keys(files).join(', ')}`);
  const coco = JSON.parse(strFromU8(files[cocoPath]!)) as { images: { id: number; file_name: string }[]; annotations: { image_id: number; bbox: number[] }[] };
  const image = coco.images.find((i) => path.basename(i.file_name) === fileName);
  const annotation = image && coco.annotations.find((a) => a.image_id === image.id);
  if (!annotation) throw new Error(`no COCO box for ${fileName}`);
  annotation.bbox[0] = annotation.bbox[0]! + 40;
  return zipSync({ ...files, [cocoPath]: strToU8(JSON.stringify(coco)) });
}

test('a requester publishes a funded 20-photo task (k = 3) from the workstation; three annotators and a reviewer work it; the dataset verifies, a tampered label is named; the pool settles to the wei', async ({ browser }) => {
  test.setTimeout(480_000);
  const { hub, anvil, chain } = stack!;
  const provider = connectRpc(anvil.rpcUrl);
  const token = testTokenAt(chain.token, provider);
  const rewards = rewardsDistributorAt(chain.rewards, provider);
  const balanceOf = async (account: string) => (await token.balanceOf(account)) as bigint;
  const contractStart = await balanceOf(chain.rewards);
  const step = stepClock();
  try {
    // ---- The requester: a local project from the photo folder, published as a hub task from the workstation.
    step('publish');
    const requester = await openRequester(browser, hub.url, anvil.rpcUrl);
    await fundWallet(provider, chain.token, requester.address, { eth: ONE_ETH, tokens: parseUnits('150', 18) });
    const requesterStart = await balanceOf(requester.address);
    await requester.page.getByTestId('back-to-projects').click();
    await new ProjectListPage(requester.page).createImageProject(path.join(workDir, 'photos'), TASK, CLASSES);
    await expect(requester.page.getByTestId('item-row')).toHaveCount(IMAGES, { timeout: 60_000 });

    const taskId = await publishFromProject(requester.page, hub.url);
    const task = taskIdToBytes32(taskId);
    const operator = await signIn(hub, new Wallet(ANVIL_DEPLOYER_KEY));
    const published = await call<Record<string, unknown>>(hub, 'GET', `/tasks/${taskId}`, { token: operator });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ title: TASK, redundancy: 3, rewardPerItem: R.toString(), reviewerFee: FEE.toString(), instructions: INSTRUCTIONS, examples: [await photoSha(EXAMPLE)] });
    const files = await itemsByFile(taskId);
    expect([...files.keys()].sort()).toEqual(photos.map((p) => p.fileName).sort());

    // ---- It funds the pool from its dashboard (approve and deposit shown, then signed).
    step('fund');
    await fundFromDashboard(requester, taskId, DEPOSIT, async () => (await rewards.poolOf(task))[3]);
    const [, poolRequester, , deposited] = await rewards.poolOf(task);
    expect([poolRequester, deposited]).toEqual([requester.address, D]);
    expect(await balanceOf(requester.address)).toBe(requesterStart - D);

    // ---- Annotator A labels every photo in the app and signs one batch.
    step('annotator A labels');
    const a = await openWorkstation(browser, workstations!.hosts[1]!, hub.url, anvil.rpcUrl);
    await a.network.downloadAndOpen(TASK);
    // Before the first item: the requester's instructions and example photo, until "Start labeling".
    const brief = a.page.getByTestId('task-instructions');
    await expect(brief).toContainText('Leave rocks, trees and water unlabeled.');
    await expect(brief.getByTestId('task-example')).toHaveCount(1);
    await brief.getByTestId('task-instructions-start').click();
    await expect(brief).toHaveCount(0);
    await labelEveryItem(a.page, IMAGES, 'sign', BOX);
    await a.network.open();
    expect(await a.network.submitAndSign()).toMatchObject({ itemCount: String(IMAGES), hub: hub.url });
    await expect(a.network.outboxRows.first()).toHaveAttribute('data-state', 'accepted', { timeout: 60_000 });

    // ---- B and C (API annotators with their own keys): B agrees but on DISPUTED, C disagrees on several.
    step('annotators B and C');
    const b = await apiAnnotator(hub);
    const c = await apiAnnotator(hub);
    // What an annotator is shown of the task before their first item: the instructions and the example photo.
    const seen = await call<Record<string, unknown>>(hub, 'GET', `/tasks/${taskId}`, { token: b.token });
    expect(seen.body).toMatchObject({ instructions: INSTRUCTIONS, examples: [await photoSha(EXAMPLE)] });
    const example = await fetch(`${hub.url}/tasks/${taskId}/examples/${await photoSha(EXAMPLE)}`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(Buffer.from(await example.arrayBuffer()).equals(await readFile(path.join(workDir, 'photos', EXAMPLE)))).toBe(true);
    await labelAssigned(hub, b, taskId, (file) => [box(path.basename(file) === DISPUTED ? 'vehicle' : 'sign', BOX.x, BOX.y, BOX.w, BOX.h)]);
    await labelAssigned(hub, c, taskId, (file) => {
      const name = path.basename(file);
      if (name === DISPUTED) return [box('sign', FAR.x, FAR.y, FAR.w, FAR.h)];
      return [box(C_DISAGREES.includes(name) ? 'vehicle' : 'sign', BOX.x, BOX.y, BOX.w, BOX.h)];
    });
    await hub.context.consensusIdle();
    const statuses = async () => Object.fromEntries([...(await itemsByFile(taskId))].map(([name, i]) => [name, i.status]));
    expect(await statuses()).toEqual(Object.fromEntries(photos.map((p) => [p.fileName, p.fileName === DISPUTED ? 'disputed' : 'accepted'])));

    // The requester's dashboard sees it: 19 accepted, 1 disputed, nothing open.
    await expectDashboardCounts(await openDashboard(requester, taskId), { open: 0, accepted: IMAGES - 1, disputed: 1, resolved: 0 });

    // ---- The reviewer (role granted by the operator) resolves the dispute in reviewer mode.
    step('review');
    const disputedId = files.get(DISPUTED)!.id;
    const reviewer = await openWorkstation(browser, workstations!.hosts[2]!, hub.url, anvil.rpcUrl);
    await grantReviewer(hub, ANVIL_DEPLOYER_KEY, reviewer.address);
    const review = new ReviewPage(reviewer.page);
    await review.download();
    await expect(review.queueRows).toHaveCount(1);
    await review.openItem(disputedId);
    const objectCount = await review.objects.count();
    expect(objectCount).toBe(2);
    for (let i = 0; i < objectCount; i++) {
      await review.select(i);
      if (await review.takeButton(a.address).isEnabled()) {
        await review.takeAnnotator(i, a.address); // A's sign; B called it a vehicle
        await review.setReason('wrong_class');
      } else {
        await review.drop(i); // C's box where there is nothing
        await review.setReason('extra_object');
      }
    }
    expect(await review.submitAndSign()).toMatchObject({ item: disputedId, shapeCount: '1' });
    await expect(reviewer.page.locator('[data-testid="outbox-row"][data-kind="verdict"]')).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });
    expect((await statuses())[DISPUTED]).toBe('resolved');

    // ---- The epoch closes. Each agreement pays R (newcomers: 1× in their first epoch), the verdict pays the fee.
    step('epoch');
    const epoch = await hub.closeEpoch();
    expect(epoch.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(epoch.heldForFunds ?? []).toEqual([]);
    const owed = { A: BigInt(IMAGES) * R, B: BigInt(IMAGES - 1) * R, C: BigInt(IMAGES - 1 - C_DISAGREES.length) * R, reviewer: FEE };
    const allocated = owed.A + owed.B + owed.C + owed.reviewer;
    const accounts = { A: a.address, B: b.wallet.address, C: c.wallet.address, reviewer: reviewer.address };
    for (const [who, account] of Object.entries(accounts)) expect((await servedRewards(hub, account)).cumulative, who).toBe(owed[who as keyof typeof owed].toString());
    expect((await rewards.poolOf(task))[4]).toBe(allocated);

    // ---- The annotators claim: A in the app, B and C with their keys on chain. The reviewer waits until after the refund.
    step('claims');
    for (const account of [b.wallet.address, c.wallet.address, reviewer.address]) await provider.send('anvil_setBalance', [account, '0xDE0B6B3A7640000']);
    await provider.send('anvil_setBalance', [a.address, '0xDE0B6B3A7640000']);
    const start = Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, acc]) => [k, await balanceOf(acc)] as const)));
    await a.page.getByTestId('rewards-refresh').click();
    await expect(a.network.claimable).toHaveAttribute('data-value', owed.A.toString());
    expect(await a.network.claim()).toMatch(/^0x[0-9a-f]{64}$/);
    await claimOnChain(hub, provider, chain.rewards, b.wallet);
    await claimOnChain(hub, provider, chain.rewards, c.wallet);

    // ---- The dashboard after the epoch: final counts, agreement, spend against the pool.
    step('dashboard');
    const dashboard = await openDashboard(requester, taskId);
    await expectDashboardCounts(dashboard, { open: 0, accepted: IMAGES - 1, disputed: 0, resolved: 1 });
    // Agreement: of the 60 submissions on final items, A's 20, B's 19 and C's 15 agree with the final labels.
    await expect(dashboard.figure('dashboard-agreement')).toHaveAttribute('data-value', String(54 / 60));
    await expect(dashboard.figure('dashboard-eta')).toHaveAttribute('data-value', 'done');
    await expectDashboardMoney(dashboard, { deposited: D, allocated, costPerItem: allocated / BigInt(IMAGES), earnings: { ...Object.fromEntries(Object.entries(accounts).map(([k, acc]) => [acc, owed[k as keyof typeof owed]])) } });
    await dashboard.dashboard.screenshot({ path: 'test-results/e2e/requester-dashboard.png' });

    // ---- The requester downloads COCO with its lineage from the dashboard; verify-dataset passes on the zip.
    step('export and verify');
    const zipPath = await exportFromDashboard(dashboard, 'coco', path.join(workDir, 'datasets'));
    const zip = await readFile(zipPath);
    const lineage = unzipSync(zip)['lineage.jsonl'];
    expect(lineage, 'lineage.jsonl in the zip').toBeDefined();
    const lines = strFromU8(lineage!).trim().split('\n').map((l) => JSON.parse(l) as LineageLine);
    expect(lines.filter((l) => l.status === 'resolved').map((l) => l.itemId)).toEqual([disputedId]);
    expect(lines).toHaveLength(IMAGES);
    // With the chain's RPC the epoch ledger's root is also compared with the one posted on chain, and with the
    // hub's URL its whole public ledger is checked leaf by leaf.
    const ok = await verifyDataset([zipPath, '--rpc', anvil.rpcUrl, '--hub', hub.url]);
    expect(ok.output).toMatch(/19 accepted, 1 resolved by a verdict, 0 disputed/);
    expect(ok.output).toMatch(/ledgers: 1 epoch \(roots recomputed from their leaves and compared with the roots posted on chain; the hub's whole ledgers checked leaf by leaf\), 20 items paid as the ledgers say, 0 final items not rewarded yet/);
    expect(ok.output).toMatch(/^OK: every signature/m);
    expect(ok.code, ok.output).toBe(0);
    console.log(`requester journey verify-dataset:\n${ok.output.trim()}`);

    // ---- One label changed in the zip: verify-dataset fails and names that item.
    step('tamper');
    const tamperedId = files.get(TAMPERED)!.id;
    const tamperedPath = path.join(workDir, 'tampered.zip');
    await writeFile(tamperedPath, tamperCoco(zip, TAMPERED));
    const bad = await verifyDataset([tamperedPath]);
    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toMatch(/^FAILED: 1 problem/m);
    expect(bad.output).toContain(`item ${tamperedId} [dataset]`);
    console.log(`requester journey, ${TAMPERED} tampered:\n${bad.output.trim()}`);

    // ---- The requester closes the task and, after the contract's delay, reclaims what was never allocated.
    step('close and reclaim');
    await closeAndReclaim(requester, provider, taskId, D - allocated);
    // The dashboard, read again: nothing left unallocated in the pool.
    await dashboard.refresh();
    await expect(dashboard.figure('dashboard-pool-remaining')).toHaveAttribute('data-value', '0', { timeout: 30_000 });
    // The refund read from the chain: deposited in total, refunded and the pool's state in words; the list row agrees.
    await expect(dashboard.figure('dashboard-pool-remaining')).toHaveAttribute('data-state', 'refunded');
    await expect(dashboard.figure('dashboard-pool-remaining')).toContainText(`refunded, ${formatUnits(D - allocated, 18)} GWT returned on`);
    await expect(dashboard.figure('dashboard-spend')).toHaveAttribute('data-deposited', D.toString());
    await expect(dashboard.figure('dashboard-spend')).toHaveAttribute('data-refunded', (D - allocated).toString());
    await expect(dashboard.tasks.locator(`[data-testid="requester-task"][data-task-id="${taskId}"]`)).toContainText(' 0 open');
    await requester.page.screenshot({ path: 'test-results/e2e/requester-dashboard-closed.png', fullPage: true });

    // ---- The reviewer claims after the refund: allocated funds stay claimable.
    step('reviewer claims');
    const [, , , depositedAfter, allocatedAfter, paidBefore] = await rewards.poolOf(task);
    const refunded = D - depositedAfter;
    expect(refunded).toBe(D - allocated);
    expect(allocatedAfter).toBe(allocated);
    // deposited = paid + refunded + allocated-but-unclaimed, and the contract holds exactly the unclaimed part.
    expect(D).toBe(paidBefore + refunded + (allocatedAfter - paidBefore));
    expect(allocatedAfter - paidBefore).toBe(owed.reviewer);
    expect((await balanceOf(chain.rewards)) - contractStart).toBe(allocatedAfter - paidBefore);
    await showNetwork(reviewer);
    await reviewer.page.getByTestId('rewards-refresh').click();
    await expect(reviewer.network.claimable).toHaveAttribute('data-value', owed.reviewer.toString());
    expect(await reviewer.network.claim()).toMatch(/^0x[0-9a-f]{64}$/);

    // ---- Every balance, to the wei.
    step('balances');
    const end = Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, acc]) => [k, await balanceOf(acc)] as const)));
    expect(Object.fromEntries(Object.keys(accounts).map((k) => [k, end[k]! - start[k]!]))).toEqual(owed);
    expect(await balanceOf(requester.address)).toBe(requesterStart - allocated);
    const [, , , finalDeposited, finalAllocated, finalPaid] = await rewards.poolOf(task);
    expect([finalDeposited, finalAllocated, finalPaid]).toEqual([allocated, allocated, allocated]);
    expect(await balanceOf(chain.rewards)).toBe(contractStart);
    step('end');
    console.log(`requester journey (wei): deposited ${D}, paid ${finalPaid} (A ${owed.A}, B ${owed.B}, C ${owed.C}, reviewer ${owed.reviewer}), refunded ${refunded}`);
  } finally {
    provider.destroy();
  }
});
