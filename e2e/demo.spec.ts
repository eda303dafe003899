import { expect, test } from '@playwright/test';
import { demoFileNames } from '../electron/services/media/demoFolder';
import { LabelingPage } from './pages/LabelingPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// street-01.png as electron/services/media/demoFolder.ts paints it: a plain
// background with an orange-red rectangle at (60, 260, 180 × 110).
const STREET_01 = { relPath: 'street-01.png', background: [0xdf, 0xe7, 0xee], rect: { x: 150, y: 315, color: [0xd9, 0x48, 0x0f] } } as const;

/** Largest per-channel difference; JPEG/PNG decoding and scaling keep solid areas within a few levels. */
function colorDistance(actual: readonly number[], expected: readonly number[]): number {
  return Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)));
}

test('first run offers the demo project, which opens on its images within seconds', async ({ page }) => {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await expect(projects.cards).toHaveCount(0);
  await expect(projects.demoButton).toBeVisible();

  const started = Date.now();
  await projects.demoButton.click();
  const labeling = new LabelingPage(page);
  await labeling.waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(demoFileNames.length, { timeout: 10_000 });
  const openedMs = Date.now() - started;
  expect(openedMs, 'demo project open → labeling view').toBeLessThan(10_000);

  // The image really is on the canvas where the camera says: sample the screen.
  await labeling.item(STREET_01.relPath).click();
  await expect(labeling.item(STREET_01.relPath)).toHaveAttribute('data-selected', 'true');
  // Polled: the image decodes after the item opens.
  await expect.poll(async () => colorDistance(await labeling.colorAt({ x: 20, y: 20 }), STREET_01.background), { message: 'background at (20, 20)' }).toBeLessThanOrEqual(12);
  expect(colorDistance(await labeling.colorAt(STREET_01.rect), STREET_01.rect.color), 'the red rectangle at (150, 315)').toBeLessThanOrEqual(12);

  // The demo is a project like any other: a reload comes back to it, and it stays in the list.
  await page.reload();
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', STREET_01.relPath);
  await page.getByTestId('back-to-projects').click();
  await expect(projects.cards).toHaveCount(1);
});

test('items and help follow the keyboard: F next, D previous, F1 help', async ({ page }) => {
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.demoButton.click();
  const labeling = await new LabelingPage(page).waitUntilReady();
  const [first, second] = await Promise.all([0, 1].map((i) => labeling.itemRows.nth(i).getAttribute('data-rel-path')));
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', first!);

  await labeling.press('f');
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', second!);
  await labeling.press('d');
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', first!);

  const help = page.getByTestId('help-overlay');
  await labeling.press('F1');
  await expect(help).toContainText('Draw a new box');
  await expect(help).toContainText('Ctrl+Shift+Z');
  await labeling.press('Escape');
  await expect(help).toHaveCount(0);
});
