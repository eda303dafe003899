import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { makeWordImage, type WordImage } from './fixtures/wordImages';
import { ExportDialog, type ExportFormatId } from './pages/ExportDialog';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// Two words far apart, so PP-OCR finds exactly two text boxes.
const WORDS = [
  { text: 'EXIT', x: 120, y: 200 },
  { text: 'PUSH', x: 700, y: 520 },
];
const centre = (r: ImageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

let folder: string;
let image: WordImage;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-ocr-text-'));
  image = await makeWordImage(folder, 'door.png', 1280, 720, WORDS);
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/**
 * Dark pixels in a 1-px column just under a word's ink, near its left edge:
 * where the canvas writes the box's text on a dark band. The page is white
 * there otherwise, but for the box's own 1–2 px outline.
 */
async function darkPixelsUnder(page: Page, labeling: LabelingPage, word: ImageRect): Promise<number> {
  const top = await labeling.toScreen({ x: word.x + 3, y: word.y + word.h });
  const png = await page.screenshot({ clip: { x: Math.floor(top.x), y: Math.floor(top.y), width: 1, height: 60 } });
  const rgb = await sharp(png).removeAlpha().raw().toBuffer();
  let dark = 0;
  for (let i = 0; i < rgb.length; i += 3) if (rgb[i]! + rgb[i + 1]! + rgb[i + 2]! < 3 * 120) dark++;
  return dark;
}

test('OCR text is part of a text box: kept on a class that had no text attribute, shown on the canvas and in the side panel, editable, exported', async ({ page }) => {
  test.setTimeout(180_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  // The project already has a `text` class, made by hand without attributes.
  await projects.createImageProject(folder, 'Doors', ['text']);
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('door.png');

  const prelabel = new PrelabelPanel(page);
  await prelabel.chooseModel('ppocr-v4-det');
  await prelabel.itemButton.click();
  // The class gets the attribute that keeps the text, and the user is told.
  await expect(page.getByTestId('prelabel-notice')).toContainText('Class “text” now has a “text” attribute that holds the recognised text', { timeout: 60_000 });
  await expect(labeling.shapeCount).toHaveText(String(WORDS.length), { timeout: 60_000 });
  await expect(prelabel.stat('pending')).toHaveText('2');

  const [exit, push] = image.words.map((w) => w.box);
  // On the canvas: each box's text is written under it.
  expect(await darkPixelsUnder(page, labeling, exit!)).toBeGreaterThanOrEqual(10);

  // In the side panel: the selected box's recognised text, first and editable.
  await labeling.selectAt(centre(exit!));
  const textBox = page.getByTestId('box-text-input');
  await expect(textBox).toHaveValue('EXIT');
  await expect(page.getByTestId('attributes-panel').locator('label.field').nth(1)).toContainText('Recognised text');
  // Fixing the text of a pending pre-label is a correction.
  await textBox.fill('EXIT ONLY');
  await textBox.press('Enter');
  await prelabel.expectStats({ accepted: 0, corrected: 1, rejected: 0 });
  await expect(prelabel.stat('pending')).toHaveText('1');

  // Accepting the other keeps its text.
  await labeling.selectAt(centre(push!));
  await expect(textBox).toHaveValue('PUSH');
  await labeling.press('Enter');
  await prelabel.expectStats({ accepted: 1, corrected: 1, rejected: 0 });

  // An emptied text leaves nothing under the box.
  await textBox.fill('');
  await textBox.press('Enter');
  await expect(textBox).toHaveValue('');
  expect(await darkPixelsUnder(page, labeling, push!)).toBeLessThanOrEqual(4);
  await labeling.press('Control+z');
  await expect(textBox).toHaveValue('PUSH');

  // After a reload the edited text is still there.
  await labeling.expectAllSaved();
  await page.reload();
  await projects.openProject('Doors');
  await labeling.waitUntilReady();
  await labeling.openItem('door.png');
  await labeling.selectAt(centre(exit!));
  await expect(textBox).toHaveValue('EXIT ONLY');

  // Exports: COCO attributes, CVAT attribute, Label Studio textarea beside the rectangle.
  const exports = new ExportDialog(page);
  const exported = async (format: ExportFormatId, file: string) => {
    const content = await readFile(path.join(await exports.exportAs(format), file), 'utf8');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('export-dialog')).toHaveCount(0);
    return content;
  };
  const coco = JSON.parse(await exported('coco', 'annotations.json')) as { annotations: { attributes?: { text?: string } }[] };
  expect(coco.annotations.map((a) => a.attributes?.text).sort()).toEqual(['EXIT ONLY', 'PUSH']);
  expect(await exported('cvat', 'annotations.xml')).toContain('<attribute name="text">EXIT ONLY</attribute>');
  const ls = JSON.parse(await exported('labelstudio', 'tasks.json')) as { annotations: { result: { id: string; type: string; value: { text?: string[] } }[] }[] }[];
  const results = ls[0]!.annotations[0]!.result;
  const texts = results.filter((r) => r.type === 'textarea');
  expect(texts.map((r) => r.value.text![0]).sort()).toEqual(['EXIT ONLY', 'PUSH']);
  for (const t of texts) expect(results.some((r) => r.type === 'rectanglelabels' && r.id === t.id)).toBe(true);
});
