import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Wallet } from 'ethers';
import { call, signIn } from '../hub/testKit';
import { ANVIL_DEPLOYER_KEY } from '../native/chain';
import { copyRealPhotos } from '../electron/services/prelabel/testSupport/realPhotos';
import { LabelingPage } from './pages/LabelingPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { PublishDialog } from './pages/PublishDialog';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { grantRequester } from './support/requesterRole';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let photos: string | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startNetworkStack();
  workstations = await startWorkstationHosts('publish', ['requester']);
  photos = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-publish-photos-'));
  await copyRealPhotos(photos);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  if (photos) await rm(photos, { recursive: true, force: true });
});

const sha256Of = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const BOX = { x: 20, y: 20, w: 80, h: 50 };

test('a requester publishes a labeled photo project as a hub task (examples, honeypots, terms), and publishing it again sends no media', async ({ browser }) => {
  test.setTimeout(240_000);
  const { hub } = stack!;
  const w = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, stack!.anvil.rpcUrl);
  const { page } = w;
  // The operator grants the role (what `npm run hub -- grant requester <address>` writes).
  await grantRequester(hub, ANVIL_DEPLOYER_KEY, w.address);

  // An image project from real photos; two of them labeled and marked done.
  await page.getByTestId('back-to-projects').click();
  await new ProjectListPage(page).createImageProject(photos!, 'Coast photos', ['cliff', 'sky']);
  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(3);
  const relPaths = await labeling.itemRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rel-path')!));
  const [labeledA, labeledB, example] = relPaths as [string, string, string];
  for (const relPath of [labeledA, labeledB]) {
    await labeling.openItem(relPath);
    await labeling.useClass('cliff');
    await labeling.drawBox(BOX);
    await page.getByTestId('mark-done-button').click();
    await expect(labeling.item(relPath)).toHaveAttribute('data-status', 'done');
  }
  await labeling.expectAllSaved();

  const dialog = await new PublishDialog(page).open();
  await expect(dialog.hub).toHaveValue(hub.url);
  await expect(dialog.title).toHaveValue('Coast photos');
  await expect(dialog.dialog.getByTestId('publish-example')).toHaveCount(3);
  await expect(dialog.dialog.getByText('Use my labeled items as honeypots (2)')).toBeVisible();
  // Thirty days ahead at 18:00, as the date-time input takes it (the browser's time zone).
  const deadline = await page.evaluate(() => {
    const d = new Date(Date.now() + 30 * 24 * 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T18:00`;
  });
  const instructions = '# Box every cliff\n\nOne tight box per cliff face; leave the sky alone.';
  await dialog.fill({ title: 'Coast cliffs', instructions, examples: [example], redundancy: '3', reward: '0.5', reviewerFee: '0.1', level: '0', deadline, honeypots: true });
  // The most it can cost, before anything is sent: 3 × 0.5 × 3 items + 0.1 × 3 items = 4.8 tokens (18 decimals, read from the token contract).
  await expect(dialog.budget).toHaveAttribute('data-value', (48n * 10n ** 17n).toString());
  await expect(dialog.budget).toContainText('= 4.8');

  const first = await dialog.publish();
  expect(first).toMatchObject({ uploaded: 3, skipped: 0 });
  await expect(dialog.done).toContainText('fund it in the Network view');

  // On the hub: the task with exactly these terms, example and honeypots.
  const operator = await signIn(hub, new Wallet(ANVIL_DEPLOYER_KEY));
  const task = await call<Record<string, unknown>>(hub, 'GET', `/tasks/${first.taskId}`, { token: operator });
  expect(task.status).toBe(200);
  const deadlineIso = await page.evaluate((local) => new Date(local).toISOString(), deadline);
  expect(task.body).toMatchObject({
    title: 'Coast cliffs',
    requester: w.address,
    redundancy: 3,
    rewardPerItem: (5n * 10n ** 17n).toString(),
    reviewerFee: (10n ** 17n).toString(),
    level: 0,
    itemCount: 3,
    instructions,
    examples: [await sha256Of(path.join(photos!, example))],
    deadline: deadlineIso,
  });
  const listed = await call<{ items: { fileName: string; sha256: string }[] }>(hub, 'GET', `/tasks/${first.taskId}/items`, { token: operator });
  expect(listed.body.items.map((i) => i.fileName)).toEqual(relPaths);
  const honeypots = await hub.context.db.query<{ sha256: string; shapes: { className: string; box: typeof BOX }[] }>(
    'SELECT i.sha256, h.shapes FROM honeypots h JOIN items i ON i.id = h.item_id WHERE i.task_id = $1 ORDER BY i.idx',
    [first.taskId],
  );
  expect(honeypots.map((h) => h.sha256)).toEqual([await sha256Of(path.join(photos!, labeledA)), await sha256Of(path.join(photos!, labeledB))]);
  for (const h of honeypots) {
    expect(h.shapes).toHaveLength(1);
    expect(h.shapes[0]!.className).toBe('cliff');
    for (const k of ['x', 'y', 'w', 'h'] as const) expect(h.shapes[0]!.box[k]).toBeCloseTo(BOX[k], 0);
  }

  // Publishing the same project again: the dialog shows the task it already is; a second task only on purpose, and no file is sent again.
  await dialog.close();
  await dialog.open();
  await expect(dialog.existing).toHaveAttribute('data-task-id', first.taskId);
  await expect(dialog.submit).toBeDisabled();
  await dialog.publishAgain.check();
  await dialog.fill({ reward: '0.5' });
  const second = await dialog.publish();
  expect(second).toMatchObject({ uploaded: 0, skipped: 3 });
  expect(second.taskId).not.toBe(first.taskId);
  await expect(dialog.done).toContainText('0 files uploaded (0.0 MiB), 3 already on the hub');
  const mine = (await call<{ tasks: { taskId: string; requester: string }[] }>(hub, 'GET', '/tasks', { token: operator })).body.tasks.filter((t) => t.requester === w.address);
  expect(mine.map((t) => t.taskId)).toEqual([first.taskId, second.taskId]);
  await page.context().close();
});
