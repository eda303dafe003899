import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { makeWordImage, type WordImage } from './fixtures/wordImages';
import { LabelingPage } from './pages/LabelingPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// Five words far apart, on three identical pages: the model scores them alike on each page, so
// the threshold the first page's reviews justify applies to the words of the others.
const WORDS = [
  { text: 'INVOICE', x: 80, y: 140 },
  { text: 'Groundwork', x: 620, y: 300 },
  { text: 'LABEL', x: 160, y: 470 },
  { text: 'TOTAL', x: 820, y: 620 },
  { text: 'PAID', x: 90, y: 660 },
];
const PAGES = ['page1.png', 'page2.png', 'page3.png'];
const centre = (r: { x: number; y: number; w: number; h: number }) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** One grey pixel in a far corner, at a place per page: the files differ (the intake would keep one copy of identical files), the model sees the same page. */
async function markPage(file: string, index: number): Promise<void> {
  const pixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#888888' } }).png().toBuffer();
  const marked = await sharp(await readFile(file)).composite([{ input: pixel, left: 1270 - index, top: 710 }]).png().toBuffer();
  await writeFile(file, marked);
}

let folder: string;
let image: WordImage;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-auto-'));
  for (const [i, page] of PAGES.entries()) {
    image = await makeWordImage(folder, page, 1280, 720, WORDS);
    await markPage(path.join(folder, page), i);
  }
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('auto-accept: reviews justify a threshold, an audit sample still goes to a human, the panel says how much needed one', async ({ page }) => {
  test.setTimeout(240_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  // The pages are near-duplicates on purpose: keep all three.
  await projects.createImageProject(folder, 'Auto', ['text'], { keepDuplicates: true });
  const labeling = await new LabelingPage(page).waitUntilReady();
  const prelabel = new PrelabelPanel(page);
  await prelabel.chooseModel('ppocr-v4-det');

  // Page 1, by hand: every proposal reviewed and accepted. Nothing is auto-accepted while the policy is off.
  await labeling.openItem('page1.png');
  await prelabel.itemButton.click();
  await expect(prelabel.stat('pending')).toHaveText(String(WORDS.length), { timeout: 60_000 });
  await page.getByTestId('accept-threshold-input').fill('0');
  await prelabel.acceptAllButton.click();
  await prelabel.expectStats({ accepted: WORDS.length, corrected: 0, rejected: 0 });
  await expect(page.getByTestId('stat-auto-accepted')).toHaveText('0');
  await expect(page.getByTestId('stat-needs-human')).toHaveText('100 %');

  // The policy: five reviews are enough for a 60 % target at 90 % confidence when all five were right (0.1^(1/5) ≈ 0.63).
  await page.getByTestId('auto-accept-min-reviewed').fill('5');
  await page.getByTestId('auto-accept-target').fill('60');
  await page.getByTestId('auto-accept-confidence').fill('90');
  await page.getByTestId('auto-accept-audit').fill('100');
  await page.getByTestId('auto-accept-toggle').check();
  const threshold = page.getByTestId('auto-accept-threshold').filter({ hasText: 'text' });
  await expect(threshold).toContainText('auto-accepts scores ≥');
  expect(Number(await threshold.getAttribute('data-threshold'))).toBeGreaterThan(0);

  // Page 2 with an audit share of 100 %: every proposal above the threshold is an audit sample, pending for a human.
  await labeling.openItem('page2.png');
  await prelabel.itemButton.click();
  await expect(prelabel.stat('pending')).toHaveText(String(WORDS.length), { timeout: 60_000 });
  await labeling.selectAt(centre(image.words[0]!.box));
  await expect(page.getByTestId('prelabel-origin')).toHaveAttribute('data-decision', 'audit');
  await expect(page.getByTestId('prelabel-origin')).toContainText('audit sample');
  await prelabel.acceptAllButton.click();
  await expect(page.getByTestId('stat-audited-precision')).toContainText(`100 %`);
  await expect(page.getByTestId('stat-audited-precision')).toContainText(`of ${WORDS.length}`);

  // Page 3 with the smallest audit share: the proposals are accepted without a human (the chance that all
  // five are drawn for the audit at 1 % is 10^-10), marked as such, and the panel counts them.
  await page.getByTestId('auto-accept-audit').fill('1');
  await labeling.openItem('page3.png');
  await prelabel.itemButton.click();
  await expect(page.getByTestId('stat-auto-accepted')).not.toHaveText('0', { timeout: 60_000 });
  const auto = Number(await page.getByTestId('stat-auto-accepted').textContent());
  const pending = Number(await prelabel.stat('pending').textContent());
  expect(auto + pending).toBe(WORDS.length);
  await expect(labeling.shapeCount).toHaveText(String(WORDS.length));
  // 15 counted predictions, `auto` of them needed no human.
  await expect(page.getByTestId('stat-needs-human')).toHaveText(`${Math.round(((3 * WORDS.length - auto) / (3 * WORDS.length)) * 100)} %`);
  // The human rates are unchanged by what nobody looked at.
  await expect(page.getByTestId('stat-verification-rate')).toHaveText('100 %');

  // Every auto-accepted box says so when selected; moving one is a human correction.
  const marked = page.getByTestId('prelabel-origin');
  let found = false;
  for (const word of image.words) {
    await labeling.selectAt(centre(word.box));
    if ((await marked.getAttribute('data-decision')) === 'auto') {
      await expect(marked).toContainText('auto-accepted');
      found = true;
      await labeling.dragImage(centre(word.box), { x: centre(word.box).x + 30, y: centre(word.box).y + 20 });
      await expect(prelabel.stat('corrected')).toHaveText('1');
      break;
    }
  }
  expect(found).toBe(true);
});
