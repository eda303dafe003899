import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeWordImage, type WordImage } from './fixtures/wordImages';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
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

test('pre-label with PP-OCR, reject one, accept one, correct one; statistics and shapes survive a reload; a re-run keeps the work', async ({ page }) => {
  test.setTimeout(180_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.createImageProject(folder, 'Receipts', ['logo']);
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
  // Reject: select and Delete. It counts as rejected at once, while the others are still pending.
  await labeling.selectAt(centre(reject!));
  await expect(labeling.selectedShapeClass).toHaveText('text');
  await labeling.press('Delete');
  await expect(labeling.shapeCount).toHaveText('2');
  await prelabel.expectStats({ accepted: 0, corrected: 0, rejected: 1 });
  await expect(prelabel.stat('pending')).toHaveText('2');
  await expect(page.getByTestId('stat-verification-rate')).toHaveText('0 %');
  // Accept: select and Enter.
  await labeling.selectAt(centre(accept!));
  await expect(labeling.selectedShapeClass).toHaveText('text');
  await labeling.press('Enter');
  // Correct: moving a pending pre-label accepts it as corrected.
  await labeling.dragImage(centre(correct!), { x: centre(correct!).x + 30, y: centre(correct!).y + 20 });
  await prelabel.expectStats({ accepted: 1, corrected: 1, rejected: 1, missed: 0 });
  await expect(prelabel.stat('pending')).toHaveText('0');
  await expect(page.getByTestId('stat-verification-rate')).toHaveText('33 %');
  await expect(page.getByTestId('stat-correction-rate')).toHaveText('33 %');
  await expect(page.getByTestId('stat-class').filter({ hasText: 'text:' })).toContainText('verified 33 % · corrected 33 %');

  // Everything is durable: after a reload the shapes and the statistics are the same.
  await labeling.expectAllSaved();
  await page.reload();
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

  // Re-running the model on the item keeps the work: the accepted and corrected boxes and their
  // statistics stay, the accepted word is not proposed again (same box), the rejected word is.
  await prelabel.itemButton.click();
  await expect(prelabel.stat('pending')).not.toHaveText('0', { timeout: 60_000 });
  await prelabel.expectStats({ accepted: 1, corrected: 1, rejected: 1, missed: 0 });
  const pending = Number(await prelabel.stat('pending').textContent());
  expect(pending).toBeGreaterThanOrEqual(1);
  expect(pending).toBeLessThanOrEqual(2); // the corrected word may come back (it was moved off its box); the accepted one never
  await expect(labeling.shapeCount).toHaveText(String(2 + pending));

  await prelabel.exportCorrectionsButton.click();
  await expect(page.getByTestId('export-corrections-result')).toContainText('corrections.jsonl');
  // …and handed over as a zip: in the browser host, the browser's own download.
  await expect(page.getByTestId('export-corrections-result')).toContainText(/Downloading .+-corrections-.+\.zip/);
});
