import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeVideoFolder } from './fixtures/videoFolder';
import { HelpOverlay } from './pages/HelpOverlay';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

// Two boxes on the demo's street-01.png (640 × 480), apart from each other.
const FIRST: ImageRect = { x: 54, y: 254, w: 192, h: 122 };
const SECOND: ImageRect = { x: 354, y: 54, w: 132, h: 132 };
const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

// Each journey makes its project from scratch; on a loaded two-core machine that alone can take a minute.
test.describe.configure({ timeout: 240_000 });

async function openDemo(page: Page): Promise<{ labeling: LabelingPage; projects: ProjectListPage; classes: string[] }> {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.demoButton.click();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('street-01.png');
  const classes = await page.getByTestId('class-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class-name') ?? ''));
  expect(classes.length).toBeGreaterThanOrEqual(3);
  return { labeling, projects, classes };
}

test('class keys: a digit picks the next box’s class and leaves the box just drawn alone; Ctrl/Shift+digit and the class panel relabel the selection (CVAT)', async ({ page }) => {
  const { labeling, classes } = await openDemo(page);
  const [first, second, third] = classes as [string, string, string];
  await expect(labeling.classRow(first)).toHaveAttribute('aria-pressed', 'true');

  // The box just drawn stays selected; 2 chooses the class of the NEXT box and does not relabel it.
  await labeling.drawBox(FIRST);
  await expect(labeling.selectedShapeClass).toHaveText(first);
  await labeling.press('2');
  await expect(labeling.classRow(second)).toHaveAttribute('aria-pressed', 'true');
  await expect(labeling.selectedShapeClass).toHaveText(first);
  await labeling.drawBox(SECOND);
  await expect(labeling.selectedShapeClass).toHaveText(second);

  // Relabelling the selection is its own action: Ctrl+digit (CVAT's "Switch label"), Shift+digit, or the class panel.
  await labeling.selectAt(centre(FIRST));
  await expect(labeling.selectedShapeClass).toHaveText(first);
  await labeling.press('Control+3');
  await expect(labeling.selectedShapeClass).toHaveText(third);
  await expect(labeling.classRow(second)).toHaveAttribute('aria-pressed', 'true');
  await labeling.press('Shift+2');
  await expect(labeling.selectedShapeClass).toHaveText(second);
  await page.locator(`[data-testid="relabel-selected"][data-class-name="${first}"]`).click();
  await expect(labeling.selectedShapeClass).toHaveText(first);

  // Nothing selected: Ctrl+digit picks the class of the next box, as in CVAT; no box changes.
  await labeling.press('Escape');
  await expect(labeling.selectedShapeClass).toHaveText('');
  await expect(page.getByTestId('relabel-selected')).toHaveCount(0);
  await labeling.press('Control+3');
  await expect(labeling.classRow(third)).toHaveAttribute('aria-pressed', 'true');
  await expect(labeling.shapeCount).toHaveText('2');
  for (const [box, name] of [[FIRST, first], [SECOND, second]] as const) {
    await labeling.selectAt(centre(box));
    await expect(labeling.selectedShapeClass).toHaveText(name);
  }

  // The help overlay says so.
  const help = await new HelpOverlay(page).open();
  await expect(help.classKeysHelp).toContainText('CVAT');
  await expect(help.classKeysHelp).toContainText('Ctrl+digit');
  await expect(help.classKeysHelp).toContainText('Shift+digit');
  await expect(help.binding('relabel.3', 0)).toHaveText('Ctrl+3');
  await expect(help.binding('relabel.3', 1)).toHaveText('Shift+3');
  await help.close();
});

test('one keymap: the help overlay lists every mode, rebinds any key, refuses a conflict in words, and the rebinding persists', async ({ page }) => {
  const { labeling, projects } = await openDemo(page);
  const toolBox = page.getByTestId('tool-box');
  const help = await new HelpOverlay(page).open();
  // Labeling, video and reviewer commands, from the one registry.
  await expect(help.root).toContainText('Draw a new box');
  await expect(help.root).toContainText('Next frame');
  await expect(help.root).toContainText('Take the merged shape');
  // F in a video means "next frame", not "next item": shadowing by design, said under the command.
  await expect(help.root.locator('[data-testid="key-command"][data-command="item.next"]')).toContainText('F in Labeling video: Next frame');

  await help.rebind('tool.box', 'b');
  await expect(help.binding('tool.box')).toHaveText('B');
  // A key that would mean two things at once is refused, in words, and nothing changes.
  await help.rebind('tool.box', 'f');
  await expect(help.error).toContainText('F is bound to both "Draw a new box" and "Next item"');
  await expect(help.binding('tool.box')).toHaveText('B');
  // Video and reviewer keys are rebound the same way.
  await help.rebind('frame.next', 'g');
  await expect(help.binding('frame.next')).toHaveText('G');
  await help.rebind('review.drop', 'q');
  await expect(help.binding('review.drop')).toHaveText('Q');
  await help.close();

  await labeling.press('n');
  await expect(toolBox).toHaveAttribute('aria-pressed', 'false');
  await labeling.press('b');
  await expect(toolBox).toHaveAttribute('aria-pressed', 'true');
  await labeling.press('Escape');
  await expect(toolBox).toHaveAttribute('aria-pressed', 'false');

  // Saved: after a reload the keys are still the user's.
  // (A reload opens the project list, or the project again where the app remembers the place.)
  await page.reload();
  await expect(labeling.view.or(projects.cards.first())).toBeVisible();
  if (!(await labeling.view.isVisible())) await projects.openProject('Demo project');
  await labeling.waitUntilReady();
  await labeling.press('b');
  await expect(toolBox).toHaveAttribute('aria-pressed', 'true');
  await labeling.press('Escape');
  await help.open();
  await expect(help.binding('tool.box')).toHaveText('B');
  await expect(help.binding('frame.next')).toHaveText('G');
  await expect(help.binding('review.drop')).toHaveText('Q');
  await help.restoreDefault('tool.box');
  await expect(help.binding('tool.box')).toHaveText('N');
  await help.close();
  await labeling.press('n');
  await expect(toolBox).toHaveAttribute('aria-pressed', 'true');
});

let mediaDir = '';
test.describe('video', () => {
  test.beforeAll(async () => {
    mediaDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-keys-')));
  });
  test.afterAll(async () => {
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  test('frame keys come from the same keymap: a frame key rebound in the help overlay moves frames in the video view', async ({ page }) => {
    const projects = await new ProjectListPage(page).open(e2eHost().url);
    await projects.newProjectButton.click();
    const intake = new NewProjectPage(page);
    await intake.scan(mediaDir, 'Keys video');
    await intake.setClasses(['car', 'person']);
    await intake.create();
    const labeling = await new LabelingPage(page).waitUntilReady();
    const video = new VideoPage(page);
    await video.waitUntilOpen();
    await video.goToFrame(5);

    await labeling.press('f');
    await expect(video.frameNumber).toHaveText('6');
    const help = await new HelpOverlay(page).open();
    await help.rebind('frame.next', 'g');
    await help.close();
    await labeling.press('g');
    await expect(video.frameNumber).toHaveText('7');
    // F is free of "next frame" now; in a one-item project "next item" has nowhere to go.
    await labeling.press('f');
    await labeling.press('d');
    await expect(video.frameNumber).toHaveText('6');
  });
});
