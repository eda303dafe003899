import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPTED_AFTER_SKIP, BROKEN_FILES, DUPLICATE } from './fixtures/fixtureFolder';
import { ExportDialog } from './pages/ExportDialog';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

const CLASSES = ['car', 'person', 'bicycle'];
// Drawn on alley.jpg (320 × 240); fixtures/expected-coco.json lists the same
// boxes, written by hand. The third is drawn as a car and becomes a bicycle.
const BOXES: { rect: ImageRect; drawnAs: string; finalClass: string }[] = [
  { rect: { x: 40, y: 60, w: 100, h: 80 }, drawnAs: 'car', finalClass: 'car' },
  { rect: { x: 180, y: 30, w: 60, h: 150 }, drawnAs: 'person', finalClass: 'person' },
  { rect: { x: 220, y: 190, w: 80, h: 40 }, drawnAs: 'car', finalClass: 'bicycle' },
];
const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

test('label a folder end to end: intake, draw, reclass, undo/redo, reload, export COCO', async ({ page }) => {
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);

  // Intake: the broken files and the duplicate are reported; the duplicate is skipped.
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(host.fixtureDir, 'Street survey');
  await expect(intake.rejectedRows).toHaveCount(BROKEN_FILES.length);
  for (const file of BROKEN_FILES) await expect(intake.rejectedRow(file.relPath)).toContainText(file.reason);
  await expect(intake.duplicateRows).toHaveCount(1);
  await expect(intake.duplicateRows).toContainText(DUPLICATE.relPath);
  await expect(intake.duplicateRows).toContainText(DUPLICATE.duplicateOf);
  await expect(intake.duplicateRows).toContainText(/exact/i);
  await intake.skipDuplicates.check();
  await intake.setClasses(CLASSES);
  await intake.create();

  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(ACCEPTED_AFTER_SKIP.length);
  for (const relPath of ACCEPTED_AFTER_SKIP) await expect(labeling.item(relPath)).toHaveCount(1);
  await labeling.openItem('alley.jpg');

  // Three boxes, each of its class.
  for (const box of BOXES) {
    await labeling.useClass(box.drawnAs);
    await labeling.drawBox(box.rect);
  }
  await expect(labeling.shapeCount).toHaveText('3');
  await expect(labeling.item('alley.jpg')).toHaveAttribute('data-status', 'in_progress');
  await expect(labeling.item('alley.jpg')).toHaveAttribute('title', /, 3 boxes$/);

  // Ctrl+3 (CVAT's "Switch label") gives the selected box the third class; undo and redo it.
  const third = BOXES[2]!;
  await labeling.selectAt(centre(third.rect));
  await expect(labeling.selectedShapeClass).toHaveText('car');
  await labeling.press('Control+3');
  await expect(labeling.selectedShapeClass).toHaveText('bicycle');
  await labeling.press('Control+z');
  await expect(labeling.selectedShapeClass).toHaveText('car');
  await labeling.press('Control+Shift+z');
  await expect(labeling.selectedShapeClass).toHaveText('bicycle');
  await labeling.press('Control+z');
  await expect(labeling.selectedShapeClass).toHaveText('car');
  await labeling.press('Control+y');
  await expect(labeling.selectedShapeClass).toHaveText('bicycle');

  // Every edit is durable: after a reload the boxes and classes are all there.
  // A reload comes back to the project and the item being labeled.
  await labeling.expectAllSaved();
  await page.reload();
  await labeling.waitUntilReady();
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', 'alley.jpg');
  await labeling.openItem('alley.jpg');
  await expect(labeling.shapeCount).toHaveText('3');
  for (const box of BOXES) {
    await labeling.selectAt(centre(box.rect));
    await expect(labeling.selectedShapeClass).toHaveText(box.finalClass);
  }

  // Export COCO and compare with the file written by hand.
  const folder = await new ExportDialog(page).exportAs('coco');
  expect(folder.startsWith(path.join(host.dataDir, 'exports'))).toBe(true);
  const exported = JSON.parse(await readFile(path.join(folder, 'annotations.json'), 'utf8')) as unknown;
  const expected = JSON.parse(await readFile(new URL('./fixtures/expected-coco.json', import.meta.url), 'utf8')) as unknown;
  expect(exported).toStrictEqual(expected);
});

// street-01.png of the demo (electron/services/media/demoFolder.ts, 640 × 480):
// an orange-red block, a yellow disc and a blue block, each boxed with a small margin.
const DEMO_BOXES: { rect: ImageRect; className: string }[] = [
  { rect: { x: 54, y: 254, w: 192, h: 122 }, className: 'vehicle' },
  { rect: { x: 354, y: 54, w: 132, h: 132 }, className: 'sign' },
  { rect: { x: 324, y: 294, w: 232, h: 132 }, className: 'building' },
];

test('README screenshot: the demo project with a box of each class, one selected', async ({ page }) => {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.demoButton.click();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('street-01.png');
  for (const box of DEMO_BOXES) {
    await labeling.useClass(box.className);
    await labeling.drawBox(box.rect);
  }
  await labeling.selectAt(centre(DEMO_BOXES[0]!.rect));
  await expect(labeling.selectedShapeClass).toHaveText('vehicle');
  await expect(labeling.shapeCount).toHaveText(String(DEMO_BOXES.length));
  await page.mouse.move(5, 795); // no hover highlight in the picture
  await page.screenshot({ path: fileURLToPath(new URL('../docs/screenshot.png', import.meta.url)) });
});
