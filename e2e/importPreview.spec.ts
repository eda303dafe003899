import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeVideoFolder } from './fixtures/videoFolder';
import { makeWordImage } from './fixtures/wordImages';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

// Issue 13: an import shows what it would write (and what it skips) before anything is written.
// The files under fixtures/import/ are in each tool's own layout: a Label Studio JSON export with two
// annotators on one task, a Pascal VOC file with <difficult>1</difficult>, CVAT for video XML (a 640 × 480
// clip for the wrong-importer check, the generated two-shot video's for the video panel) and a VOC file
// with an external entity, and a COCO file with 25 bad boxes.
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'import');
const SCREENSHOT = process.env.IMPORT_PREVIEW_SCREENSHOT ?? path.join('test-results', 'import-preview.png');
let folder: string;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-import-'));
  await makeWordImage(folder, 'street.png', 640, 480, [{ text: 'STREET', x: 180, y: 260 }]);
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A new project of the files in `dir` with these classes; its labeling view open. */
async function newProject(page: Page, dir: string, name: string, classes = ['car', 'person']): Promise<LabelingPage> {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(dir, name);
  await intake.setClasses(classes);
  await intake.create();
  return new LabelingPage(page).waitUntilReady();
}

/** A project of street.png (640 × 480), street.png open with no boxes. */
async function openProject(page: Page, name: string): Promise<LabelingPage> {
  const labeling = await newProject(page, folder, name);
  await labeling.openItem('street.png');
  await expect(labeling.shapeCount).toHaveText('0');
  return labeling;
}

async function pick(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name: file, mimeType: 'application/octet-stream', buffer: await readFile(path.join(FIXTURES, file)) });
  await expect(page.getByTestId('import-dialog')).toBeVisible();
}

test('Label Studio with two annotators: the preview names both, a choice parses again, Import writes only that annotator’s boxes', async ({ page }) => {
  const labeling = await openProject(page, 'Two annotators');
  await pick(page, 'labelstudio-two-annotators.json');

  const preview = page.getByTestId('import-preview');
  await expect(preview).toHaveAttribute('data-format', 'labelstudio');
  const choice = page.getByTestId('import-annotation-choice');
  await expect(choice.locator('option')).toHaveText(['Latest annotation of each task', 'All annotations (every annotator’s boxes)', 'Only ann@example.com', 'Only bob@example.com']);
  // Latest is bob's (updated a day later): two persons; ann's annotation is counted as not chosen.
  await expect(page.getByTestId('import-preview-boxes')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('import-warning-kind').and(page.locator('[data-kind="annotation-not-chosen"]'))).toHaveAttribute('data-count', '1');

  await choice.selectOption({ label: 'Only ann@example.com' });
  await expect(page.getByTestId('import-preview-boxes')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('import-preview-classes')).toContainText('car ×1');
  const warnings = page.getByTestId('import-warnings');
  await expect(warnings.locator('[data-kind="unsupported-shape"]')).toHaveAttribute('data-count', '1');
  await expect(warnings.locator('[data-kind="annotation-not-chosen"]')).toContainText('Annotations not chosen, skipped: 1');
  // The examples open under their kind: where in the file, and why.
  await warnings.locator('[data-kind="unsupported-shape"] summary').click();
  await expect(warnings.locator('[data-kind="unsupported-shape"] li')).toContainText('polygonlabels');
  await page.getByTestId('import-dialog').screenshot({ path: SCREENSHOT });

  // Nothing is written before Import.
  await expect(labeling.shapeCount).toHaveText('0');
  await page.getByTestId('import-commit-button').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 box from Label Studio');
  await page.getByTestId('import-close-button').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  // ann's car: 10 %, 10 %, 20 % × 20 % of 640 × 480.
  await expect(labeling.shapeCount).toHaveText('1');
  await labeling.selectAt({ x: 64 + 64, y: 48 + 48 });
  await expect(labeling.selectedShapeClass).toHaveText('car');
});

test('VOC <difficult>: the preview offers the attribute, Import adds it to the class and sets it on the box', async ({ page }) => {
  const labeling = await openProject(page, 'Difficult');
  await pick(page, 'street-difficult.xml');

  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-format', 'voc');
  await expect(page.getByTestId('import-preview-attributes')).toContainText('car: difficult (checkbox)');
  const add = page.getByTestId('import-add-to-schema');
  await expect(add).toBeChecked();
  await expect(add.locator('..')).toHaveText('Add 1 attribute to the label schema');
  await page.getByTestId('import-dialog').screenshot({ path: SCREENSHOT.replace(/\.png$/, '-attribute.png') });
  // Ticked, nothing is left out; unticked, the preview says the value would be.
  await expect(page.getByTestId('import-warnings')).toHaveCount(0);
  await add.uncheck();
  await expect(page.getByTestId('import-warnings').locator('[data-kind="attribute"]')).toHaveAttribute('data-count', '1');
  await add.check();
  await page.getByTestId('import-commit-button').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 box from Pascal VOC XML. Added 1 attribute to the label schema.');
  // Mapped again after the schema grew: nothing was left out any more.
  await expect(page.getByTestId('import-warnings')).toHaveCount(0);
  await page.getByTestId('import-dialog').screenshot({ path: SCREENSHOT.replace(/\.png$/, '-result.png') });
  await page.getByTestId('import-close-button').click();

  await expect(labeling.shapeCount).toHaveText('1');
  await labeling.selectAt({ x: 200, y: 200 });
  await expect(labeling.selectedShapeClass).toHaveText('car');
  await expect(page.getByTestId('attributes-panel').getByLabel('difficult')).toBeChecked();
});

test('a CVAT video XML given to the image import says which importer takes it; nothing is written', async ({ page }) => {
  const labeling = await openProject(page, 'Wrong importer');
  await pick(page, 'cvat-video-annotations.xml');
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('cvat-video-annotations.xml');
  await expect(error).toContainText('CVAT for video');
  await expect(error).toContainText('Video labels → Import');
  await expect(error).toContainText('Nothing was imported.');
  await expect(page.getByTestId('import-commit-button')).toHaveCount(0);

  // Choosing an image format by hand is refused the same way.
  await page.getByTestId('import-format-select').selectOption('cvat');
  await expect(error).toContainText('CVAT for video');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(labeling.shapeCount).toHaveText('0');
});

test('an XML with an external entity is a format error in the dialog, not a crash; nothing is written', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const labeling = await openProject(page, 'Entity');
  await pick(page, 'street-external-entity.xml');
  const error = page.getByTestId('import-error');
  await expect(error).toHaveAttribute('data-kind', 'format');
  await expect(error).toContainText('street-external-entity.xml');
  await expect(error).toContainText('line 3');
  await expect(error).toContainText(/entit/i);
  await expect(page.getByTestId('import-commit-button')).toHaveCount(0);
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click();
  await expect(labeling.shapeCount).toHaveText('0');
  expect(errors).toEqual([]);
});

test('a COCO file with 25 bad boxes lists 20 problems and counts the rest; the format can be changed and tried again', async ({ page }) => {
  const labeling = await openProject(page, 'Many problems');
  await pick(page, 'coco-25-bad-boxes.json');
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('coco-25-bad-boxes.json: 25 problems');
  await expect(page.getByTestId('import-error-problems').locator('li')).toHaveCount(21);
  await expect(page.getByTestId('import-error-problems').locator('li').first()).toHaveText('annotations[0].bbox[2]: expected number, received string');
  await expect(page.getByTestId('import-error-more')).toHaveText('and 5 more');
  await page.getByTestId('import-dialog').screenshot({ path: SCREENSHOT.replace(/\.png$/, '-problems.png') });

  // Still a dialog to work in: another format is tried at once (and says why it does not fit either).
  await page.getByTestId('import-format-select').selectOption('yolo');
  await expect(error).not.toContainText('25 problems');
  await expect(error).toContainText('Nothing was imported.');
  await page.getByTestId('import-format-select').selectOption('auto');
  await expect(page.getByTestId('import-error-more')).toHaveText('and 5 more');
  await page.keyboard.press('Escape');
  await expect(labeling.shapeCount).toHaveText('0');
});

test('video labels: image files are refused with the importer to use; CVAT video is previewed, then imported as one undo step', async ({ page }) => {
  test.setTimeout(150_000);
  const videoDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-import-video-')));
  try {
    const labeling = await newProject(page, videoDir, 'Video import', ['car']);
    const video = new VideoPage(page);
    await video.waitUntilOpen();
    await expect(video.segments).toHaveCount(2, { timeout: 30_000 });

    // A VOC file belongs to the image import: the dialog says so and imports nothing.
    const input = page.getByTestId('video-import-input');
    await input.setInputFiles({ name: 'street-difficult.xml', mimeType: 'application/xml', buffer: await readFile(path.join(FIXTURES, 'street-difficult.xml')) });
    await expect(page.getByTestId('video-import-error')).toContainText('Pascal VOC');
    await expect(page.getByTestId('video-import-error')).toContainText('Import labels');
    await expect(page.getByTestId('video-import-commit-button')).toHaveCount(0);
    await page.getByTestId('video-import-cancel-button').click();
    await expect(page.getByTestId('video-import-dialog')).toHaveCount(0);

    // CVAT for video: one car track over frames 0–30 and a person tag on frames 5–6 (the project has only car).
    await page.getByTestId('video-format-select').selectOption('cvat-video');
    await input.setInputFiles({ name: 'annotations.xml', mimeType: 'application/xml', buffer: await readFile(path.join(FIXTURES, 'two-shots-cvat-video.xml')) });
    await expect(page.getByTestId('video-import-tracks')).toHaveAttribute('data-count', '1');
    // The tag's class is not in this project: offered, and left out when not added.
    await expect(page.getByTestId('video-import-new-classes')).toContainText('person');
    await expect(page.getByTestId('video-import-tags')).toHaveAttribute('data-count', '1');
    await page.getByTestId('video-import-add-classes').uncheck();
    await expect(page.getByTestId('video-import-tags')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('video-import-warnings')).toContainText('Settings of the file that were ignored: 1');
    await page.getByTestId('video-import-add-classes').check();
    await expect(page.getByTestId('video-import-shots')).toContainText('the current shots stay');
    await page.getByTestId('video-import-dialog').screenshot({ path: SCREENSHOT.replace(/\.png$/, '-video.png') });
    await video.goToFrame(5);
    await expect(labeling.shapeCount).toHaveText('0');
    await page.getByTestId('video-import-commit-button').click();
    await expect(page.getByTestId('video-import-result')).toHaveText('Imported 1 track, 0 boxes and 1 frame tag');
    await expect(labeling.shapeCount).toHaveText('1');
    await expect(page.getByTestId('frame-tags-here')).toContainText('person · 5–6');

    // One undo step takes all of it back; the shots stay.
    await labeling.press('Control+z');
    await expect(labeling.shapeCount).toHaveText('0');
    await expect(page.getByTestId('frame-tags-here')).not.toContainText('person');
    await expect(video.segments).toHaveCount(2);
  } finally {
    await rm(videoDir, { recursive: true, force: true });
  }
});
