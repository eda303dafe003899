import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeWordImage, type WordImage } from './fixtures/wordImages';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// Three words far apart, so PP-OCR finds exactly three text boxes.
const WORDS = [
  { text: 'INVOICE', x: 80, y: 160 },
  { text: 'Groundwork', x: 620, y: 360 },
  { text: 'LABEL', x: 160, y: 600 },
];
const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

let folder: string;
let image: WordImage;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-words-'));
  image = await makeWordImage(folder, 'receipt.png', 1280, 720, WORDS);
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('pre-label with PP-OCR, accept one, correct one, reject one; statistics and shapes survive a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(folder, 'Receipts');
  await intake.setClasses(['logo']);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('receipt.png');

  // The model is chosen per project; its thresholds come from its manifest; the provider that loaded is shown.
  const prelabel = new PrelabelPanel(page);
  await prelabel.chooseModel('ppocr-v4-det');
  await expect(prelabel.provider).toHaveText(/CPU/);
  await expect(prelabel.confidence).toHaveValue('0.6');

  // The whole project in the background: the model's class 'text' is new to the project, so it is offered first.
  await prelabel.projectButton.click();
  await prelabel.addClassesButton.click();
  await expect(prelabel.progress).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  await expect(prelabel.progress).toHaveAttribute('data-done', '1');
  await expect(labeling.shapeCount).toHaveText(String(WORDS.length));
  await expect(labeling.classRow('text')).toBeVisible();
  await prelabel.expectStats({ accepted: 0, corrected: 0, rejected: 0 });
  await expect(prelabel.stat('pending')).toHaveText('3');

  const [accept, correct, reject] = image.words.map((w) => w.box);
  // Accept: select and Enter.
  await labeling.selectAt(centre(accept!));
  await expect(labeling.selectedShapeClass).toHaveText('text');
  await labeling.press('Enter');
  // Correct: moving a pending pre-label accepts it as corrected.
  await labeling.dragImage(centre(correct!), { x: centre(correct!).x + 30, y: centre(correct!).y + 20 });
  // Reject: select and Delete.
  await labeling.selectAt(centre(reject!));
  await expect(labeling.selectedShapeClass).toHaveText('text');
  await labeling.press('Delete');
  await expect(labeling.shapeCount).toHaveText('2');
  await prelabel.expectStats({ accepted: 1, corrected: 1, rejected: 1, missed: 0 });
  await expect(prelabel.stat('pending')).toHaveText('0');

  // Everything is durable: after a reload the shapes and the statistics are the same.
  await labeling.expectAllSaved();
  await page.reload();
  await expect(projects.list).toBeVisible();
  await projects.openProject('Receipts');
  await labeling.waitUntilReady();
  await labeling.openItem('receipt.png');
  await expect(labeling.shapeCount).toHaveText('2');
  await prelabel.expectStats({ accepted: 1, corrected: 1, rejected: 1, missed: 0 });
  // The finished job is not offered again.
  await expect(prelabel.resumeButton).toHaveCount(0);
  // The moved box is where it was put, still a text box.
  await labeling.selectAt({ x: centre(correct!).x + 30, y: centre(correct!).y + 20 });
  await expect(labeling.selectedShapeClass).toHaveText('text');

  await prelabel.exportCorrectionsButton.click();
  await expect(page.getByTestId('export-corrections-result')).toContainText('corrections.jsonl');
});
