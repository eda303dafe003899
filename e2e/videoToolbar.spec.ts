import { expect, test, type Locator } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeVideoFolder, TWO_SHOTS } from './fixtures/videoFolder';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

// Issue 12 part 4: go-to hands the keys back, the first timeline click counts, the frame
// toolbar never reflows the canvas, and the selected box's position is said in words.

const BOX: ImageRect = { x: 40, y: 60, w: 80, h: 60 };

let mediaDir = '';
test.beforeAll(async () => {
  mediaDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-vtoolbar-')));
});
test.afterAll(async () => {
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

async function openVideoProject(page: import('@playwright/test').Page, name: string): Promise<{ labeling: LabelingPage; video: VideoPage }> {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(mediaDir, name);
  await intake.setClasses(['car']);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  const video = new VideoPage(page);
  await video.waitUntilOpen();
  return { labeling, video };
}

async function expectShownFrame(video: VideoPage, frame: number): Promise<void> {
  await expect(video.frameNumber).toHaveText(String(frame));
  await expect(video.page.locator('.canvas-wrap')).toHaveAttribute('data-shown-frame', String(frame), { timeout: 15_000 });
}

async function boundsOf(locator: Locator): Promise<{ y: number; height: number }> {
  const b = (await locator.boundingBox())!;
  return { y: b.y, height: b.height };
}

test('go to + Enter hands the keys back: F steps at once, and the first timeline click seeks', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const { video } = await openVideoProject(page, 'Go to video');
  const goTo = page.getByTestId('goto-frame-input');

  // Enter jumps, empties the field and leaves it: F is the next-frame key again.
  await goTo.fill('50');
  await goTo.press('Enter');
  await expectShownFrame(video, 50);
  await expect(goTo).not.toBeFocused();
  await expect(goTo).toHaveValue('');
  await page.keyboard.press('f');
  await expectShownFrame(video, 51);

  // Enter, then straight to the timeline: that first click is the one that counts.
  await goTo.fill('20');
  await goTo.press('Enter');
  await expectShownFrame(video, 20);
  await video.clickTimelineAt(90);
  await expectShownFrame(video, 90);
  // …and nothing sets it back afterwards (the old blur jumped to the typed frame again).
  await page.waitForTimeout(300);
  await expect(video.frameNumber).toHaveText('90');

  // A frame that does not exist is refused in words; the frame stays where it was and the text is kept to fix.
  await goTo.fill(String(TWO_SHOTS.frameCount));
  await goTo.press('Enter');
  await expect(page.getByTestId('goto-frame-error')).toHaveText(`Type a whole frame number from 0 to ${TWO_SHOTS.frameCount - 1}`);
  await expect(video.frameNumber).toHaveText('90');
  await expect(goTo).toHaveValue(String(TWO_SHOTS.frameCount));
  await goTo.fill('7');
  await expect(page.getByTestId('goto-frame-error')).toHaveCount(0);
  await goTo.press('Enter');
  await expectShownFrame(video, 7);
  expect(pageErrors).toEqual([]);
});

test('selecting a box never reflows the frame toolbar; positions are words; a handle drag keeps the box selected', async ({ page }) => {
  // Narrower than the default window: the old toolbar wrapped here once a box was selected.
  await page.setViewportSize({ width: 1100, height: 760 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const { labeling, video } = await openVideoProject(page, 'Toolbar video');
  const toolbar = video.frameControls;
  const before = { toolbar: await boundsOf(toolbar), canvas: await boundsOf(labeling.canvas) };
  const unmoved = async () => {
    expect(await boundsOf(toolbar)).toEqual(before.toolbar);
    expect(await boundsOf(labeling.canvas)).toEqual(before.canvas);
  };

  // A plain box, then a track: the position is a word, never raw numbers, and nothing moves.
  await video.goToFrame(10);
  await labeling.drawBox(BOX);
  await expect(video.selectedBoxKind).toHaveText('no track');
  await unmoved();
  await video.makeTrackButton.click();
  await expect(video.selectedBoxKind).toHaveText('keyframe');
  await unmoved();

  // Frame 25 holds the track's box, interpolated: the geometry is in the tooltip, in words.
  await video.goToFrame(25);
  await expect(video.selectedBoxKind).toHaveText('interpolated');
  await expect(video.selectedBox).toHaveAttribute('title', 'Selected box: interpolated between its track’s keyframes on this frame. Left 40 px, top 60 px, 80 × 60 px.');
  await expect(toolbar).not.toContainText(/\d+,\d+,\d+,\d+/);
  await unmoved();
  // The e2e tsconfig has no DOM types: the page's getComputedStyle is reached through globalThis.
  type Styles = { getComputedStyle(el: unknown): { flexWrap: string; height: string } };
  const toolbarStyle = await toolbar.evaluate((el) => {
    const style = (globalThis as unknown as Styles).getComputedStyle(el);
    return { wrap: style.flexWrap, height: style.height };
  });
  expect(toolbarStyle).toEqual({ wrap: 'nowrap', height: '40px' });

  // The south-east handle dragged 20 px right and 10 px down (image pixels): the box stays selected,
  // is resized, and the edit makes this frame a keyframe.
  await labeling.dragImage({ x: BOX.x + BOX.w, y: BOX.y + BOX.h }, { x: BOX.x + BOX.w + 20, y: BOX.y + BOX.h + 10 });
  await video.expectSelectedBox({ x: BOX.x, y: BOX.y, w: BOX.w + 20, h: BOX.h + 10 });
  await expect(video.selectedBoxKind).toHaveText('keyframe');
  expect(await video.keyframeFrames()).toEqual([10, 25]);
  await unmoved();

  await page.screenshot({ path: '/tmp/place-video-toolbar.png' });
  expect(pageErrors).toEqual([]);
});
