import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { makeVideoFolder } from '../../e2e/fixtures/videoFolder';
import { LabelingPage } from '../../e2e/pages/LabelingPage';
import { NetworkPage } from '../../e2e/pages/NetworkPage';
import { NewProjectPage } from '../../e2e/pages/NewProjectPage';
import { ProjectListPage } from '../../e2e/pages/ProjectListPage';
import { RequesterDashboard } from '../../e2e/pages/RequesterDashboard';
import { ReviewPage } from '../../e2e/pages/ReviewPage';
import { VideoPage } from '../../e2e/pages/VideoPage';
import WebSocket from 'ws';
import { createProxy, createWebSocketTransport, type WebSocketConstructor } from '../../electron/common/contract';
import { walletService } from '../../electron/common/services';
import { REVIEW_DEMO_REQUESTER } from '../../electron/services/localNetwork/localHubAccounts';
import { DEMO_TRUTH } from '../../electron/services/localNetwork/reviewDemoLabels';
import { DISPUTED_TITLE, LABEL_BESIDE_TITLE } from '../../electron/services/localNetwork/seedReviewDemo';
import { devnetHostForFile } from './devnetHost';

// The README tour's pictures, taken the way a newcomer gets there: the host
// starts its own local network, the user labels the k = 3 demo task, makes
// themselves reviewer and opens a dispute, labels a video, and finally looks
// at the review demo's requester dashboard. Written to docs/.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shot = (name: string) => path.join(repoRoot, 'docs', `${name}.png`);
const devnet = devnetHostForFile(test, 'screenshots');

async function taskIdOf(page: Page, title: string): Promise<string> {
  return (await page.locator(`[data-testid="task-row"][data-task-title="${title}"]`).getAttribute('data-task-id'))!;
}

test('README screenshots', async ({ page }) => {
  await new ProjectListPage(page).open(devnet.host().url);
  const network = await new NetworkPage(page).open();
  await network.createWallet('correct horse battery');
  await page.getByTestId('hub-connect').click();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-signed-in', 'true', { timeout: 30_000 });
  await expect(page.locator(`[data-testid="task-row"][data-task-title="${DISPUTED_TITLE}"]`)).toHaveCount(1);
  const labelTaskId = await taskIdOf(page, LABEL_BESIDE_TITLE);
  const disputedTaskId = await taskIdOf(page, DISPUTED_TITLE);

  // Labeling: the k = 3 task, each image boxed as it shows (the careful annotator's truth), marked done.
  await network.downloadAndOpen(LABEL_BESIDE_TITLE);
  const instructions = page.getByTestId('task-instructions-start');
  const projects = new ProjectListPage(page);
  await expect(instructions.or(projects.card(LABEL_BESIDE_TITLE))).toBeVisible({ timeout: 30_000 });
  if (!(await instructions.isVisible())) await projects.openProject(LABEL_BESIDE_TITLE);
  await instructions.click();
  const labeling = await new LabelingPage(page).waitUntilReady();
  const count = await labeling.itemRows.count();
  // A downloaded item is stored by its sha256; the row shows the task's file name.
  const fileNameOf = async (i: number) => /[\w-]+\.(png|jpg|webp)/.exec((await labeling.itemRows.nth(i).textContent()) ?? '')![0];
  let firstFile = '';
  for (let i = count - 1; i >= 0; i--) {
    const relPath = (await labeling.itemRows.nth(i).getAttribute('data-rel-path'))!;
    const fileName = await fileNameOf(i);
    if (fileName === 'street-02.png') firstFile = relPath;
    await labeling.openItem(relPath);
    for (const shape of DEMO_TRUTH[fileName]!) {
      await labeling.useClass(shape.className);
      await labeling.drawBox(shape.box);
    }
    await page.getByTestId('mark-done-button').click();
    await expect(labeling.item(relPath)).toHaveAttribute('data-status', 'done');
  }
  await labeling.expectAllSaved();
  await labeling.openItem(firstFile);
  const vehicle = DEMO_TRUTH['street-02.png']![1]!.box;
  await labeling.selectAt({ x: vehicle.x + 30, y: vehicle.y + 30 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('labeling') });

  // Submit: the fourth image is disputed, the others accepted.
  await new NetworkPage(page).open();
  await network.submitAndSign();
  await expect(page.locator('[data-testid="outbox-row"]').first()).toHaveAttribute('data-state', 'accepted', { timeout: 30_000 });

  // Network view with the reviewer panel, then one click and reviewer mode.
  await page.getByTestId('devnet-reviewer-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('network'), fullPage: true });
  await page.getByTestId('devnet-make-reviewer').click();
  await expect(page.getByTestId('devnet-reviewer-panel')).toHaveAttribute('data-reviewer', 'true', { timeout: 30_000 });
  const review = new ReviewPage(page);
  await review.download();
  const park = page.locator('[data-testid="review-queue-row"]', { hasText: 'park-03' });
  await review.openItem((await park.getAttribute('data-item-id'))!);
  await review.select(0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('review') });
  await page.getByTestId('review-back').click();

  // Video: a generated two-shot clip, a box made a track with two keyframes.
  const mediaDir = await makeVideoFolder(path.join(devnet.workDir(), 'video'));
  await page.getByTestId('back-to-projects').click();
  await expect(new ProjectListPage(page).list).toBeVisible();
  await page.getByTestId('new-project-button').click();
  const intake = new NewProjectPage(page);
  await intake.scan(mediaDir, 'Traffic video');
  await intake.setClasses(['car', 'person']);
  await intake.create();
  const videoLabeling = await new LabelingPage(page).waitUntilReady();
  const video = new VideoPage(page);
  await video.waitUntilOpen();
  await expect(video.segments).toHaveCount(2, { timeout: 60_000 });
  await video.goToFrame(10);
  await videoLabeling.drawBox({ x: 40, y: 60, w: 80, h: 60 });
  await video.makeTrackButton.click();
  await video.goToFrame(40);
  await videoLabeling.dragImage({ x: 80, y: 90 }, { x: 140, y: 130 });
  await videoLabeling.press('k');
  await video.goToFrame(25);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('video') });

  // The requester's side: the review demo's requester (anvil account 2) looks at the k = 3 task's dashboard.
  // (The wallet panel imports keystore files; the key goes in over the host's contract, as the panel's import would.)
  const transport = createWebSocketTransport({ url: `ws://127.0.0.1:${devnet.host().port}/rpc?token=${devnet.host().token}`, WebSocket: WebSocket as unknown as WebSocketConstructor });
  await createProxy(walletService, transport).import({ privateKey: REVIEW_DEMO_REQUESTER.privateKey, password: 'correct horse battery', replace: true });
  transport.close();
  await page.reload();
  if (!(await page.getByTestId('network-view').isVisible())) await new NetworkPage(page).open();
  await page.getByTestId('hub-connect').click();
  await expect(page.getByTestId('hub-status')).toContainText('requester', { timeout: 30_000 });
  const dashboard = new RequesterDashboard(page);
  await dashboard.open(labelTaskId);
  await expect(dashboard.figure('dashboard-disputed')).toHaveAttribute('data-value', '1', { timeout: 30_000 });
  await dashboard.dashboard.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await dashboard.dashboard.screenshot({ path: shot('requester') });
  expect(disputedTaskId).not.toBe(labelTaskId);
});
