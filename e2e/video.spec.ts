import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeVideoFolder, TWO_SHOTS } from './fixtures/videoFolder';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

// The box drawn on frame 10, and where it is dragged on frame 40 (60 px right, 40 px down).
const AT_10: ImageRect = { x: 40, y: 60, w: 80, h: 60 };
const AT_40: ImageRect = { x: 100, y: 100, w: 80, h: 60 };
// Frame 25 is halfway between the keyframes: ((40 + 100) / 2, (60 + 100) / 2).
const AT_25: ImageRect = { x: 70, y: 80, w: 80, h: 60 };
const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/**
 * The MOT gt.txt this journey must produce, from the drawn boxes alone: one
 * line per frame from 10 (written 1-based) to the last, the box moving
 * linearly from AT_10 to AT_40 over frames 10–40 and holding after 40;
 * track id 1, class 1 (car), conf and visibility 1, two decimals.
 */
function expectedGt(): string {
  let out = '';
  for (let frame = 10; frame < TWO_SHOTS.frameCount; frame++) {
    const t = Math.min(1, (frame - 10) / 30);
    const x = AT_10.x + (AT_40.x - AT_10.x) * t;
    const y = AT_10.y + (AT_40.y - AT_10.y) * t;
    out += `${frame + 1},1,${x.toFixed(2)},${y.toFixed(2)},80.00,60.00,1,1,1\n`;
  }
  return out;
}

let mediaDir = '';
test.beforeAll(async () => {
  mediaDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-video-')));
});
test.afterAll(async () => {
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

test('label a video: two shots, a track with keyframes at 10 and 40, interpolation at 25, MOT export, reload', async ({ page }) => {
  const host = e2eHost();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(mediaDir, 'Traffic video');
  await intake.setClasses(['car', 'person']);
  await intake.create();

  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.item(TWO_SHOTS.relPath).getByTestId('item-video-badge')).toContainText(String(TWO_SHOTS.frameCount));
  const video = new VideoPage(page);
  await video.waitUntilOpen();

  // The shots pass runs on first open and finds the cut between the two scenes.
  await expect(video.segments).toHaveCount(2, { timeout: 30_000 });
  expect(await video.segmentRanges()).toEqual([[0, TWO_SHOTS.cutAt - 1], [TWO_SHOTS.cutAt, TWO_SHOTS.frameCount - 1]]);

  // Frame 10: draw a box and make it a track.
  await video.goToFrame(10);
  await labeling.drawBox(AT_10);
  await video.expectSelectedBox(AT_10);
  await video.makeTrackButton.click();
  await expect(video.selectedBoxKind).toHaveText('keyframe');
  expect(await video.keyframeFrames()).toEqual([10]);

  // Frame 40: the track holds its box until moved; move it and press K.
  await video.goToFrame(40);
  await video.expectSelectedBox(AT_10);
  await expect(video.selectedBoxKind).toHaveText('interpolated');
  await labeling.dragImage(centre(AT_10), centre(AT_40));
  await labeling.press('k');
  await video.expectSelectedBox(AT_40);
  await expect(video.selectedBoxKind).toHaveText('keyframe');
  await expect(video.keyframeMarks).toHaveCount(2);
  expect(await video.keyframeFrames()).toEqual([10, 40]);

  // Frame 25: the linear interpolation.
  await video.goToFrame(25);
  await video.expectSelectedBox(AT_25);
  await expect(video.selectedBoxKind).toHaveText('interpolated');

  // MOT export, compared with the file derived above from the drawn boxes.
  const folder = await video.exportAs('mot');
  expect(folder.startsWith(path.join(host.dataDir, 'exports'))).toBe(true);
  expect(await readFile(path.join(folder, 'gt', 'gt.txt'), 'utf8')).toBe(expectedGt());
  expect(await readFile(path.join(folder, 'gt', 'labels.txt'), 'utf8')).toBe('car\nperson\n');

  // Reload: track, keyframes and segments all come back from IndexedDB (no second shots pass needed).
  await labeling.expectAllSaved();
  await page.reload();
  await projects.openProject('Traffic video');
  await labeling.waitUntilReady();
  await video.waitUntilOpen();
  await expect(video.segments).toHaveCount(2);
  await expect(page.getByTestId('shots-progress')).toHaveCount(0);
  await video.goToFrame(25);
  await labeling.selectAt(centre(AT_25));
  await video.expectSelectedBox(AT_25);
  expect(await video.keyframeFrames()).toEqual([10, 40]);
  await video.goToFrame(40);
  await video.expectSelectedBox(AT_40);
  expect(pageErrors).toEqual([]);
});
