import { expect, test, type Locator } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeWordImage } from './fixtures/wordImages';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';
import { startWorkstationHosts } from './support/workstation';

// Issue 12 part 9: the status bar and the panels speak words with correct plurals, a disabled primary button
// does not look pressable, and no GPU warning appears when nobody asked for a GPU.
let folder: string;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-plurals-'));
  await makeWordImage(folder, 'one.png', 640, 480, [{ text: 'ONE', x: 120, y: 200 }]);
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('one image, one class: singular words; the status bar names what the annotator does; disabled This item is flat; no GPU warning', async ({ page }) => {
  test.setTimeout(120_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(folder, 'Single');
  await expect(page.getByTestId('intake-summary')).toHaveText('1 image read · 0 rejected · 0 duplicates · 1 will be added');
  await intake.setClasses(['word']);
  await intake.create();

  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('one.png');
  const toolState = page.getByTestId('tool-state');
  await expect(toolState).toHaveText('Select');
  await labeling.press('n');
  await expect(toolState).toHaveText('Draw boxes: drag on the image');

  // Mid-drag the bar says what is happening; afterwards, back to words, never a state name.
  const from = await labeling.toScreen({ x: 100, y: 100 });
  const to = await labeling.toScreen({ x: 300, y: 250 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await expect(toolState).toHaveText('Drawing a box');
  await page.mouse.up();
  await expect(labeling.shapeCount).toHaveText('1');
  await expect(toolState).not.toHaveText(/\w+\.\w+/);
  await labeling.press('v');
  await labeling.selectAt({ x: 200, y: 175 });
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2 + 40, (from.y + to.y) / 2 + 30, { steps: 6 });
  await expect(toolState).toHaveText('Moving a box');
  await page.mouse.up();
  await expect(toolState).toHaveText('Select');

  // In a narrow window the status bar stays one line: nothing in it wraps (a wrapped bar once moved the canvas under the pointer).
  await page.setViewportSize({ width: 1000, height: 800 });
  type Box = { scrollHeight: number; clientHeight: number; children: ArrayLike<{ getBoundingClientRect(): { height: number } }> };
  const bar = await page.locator('.statusbar').evaluate((el) => {
    const e = el as unknown as Box;
    return { scroll: e.scrollHeight, client: e.clientHeight, tallest: Math.max(...Array.from(e.children, (c) => c.getBoundingClientRect().height)) };
  });
  expect(bar.scroll).toBeLessThanOrEqual(bar.client);
  expect(bar.tallest).toBeLessThan(bar.client);
  await page.setViewportSize({ width: 1280, height: 800 });

  // "This item" is disabled until a model is chosen, and then it must not wear the primary colour.
  const prelabel = new PrelabelPanel(page);
  await expect(prelabel.itemButton).toBeDisabled();
  // The e2e tsconfig has no DOM types: the page's getComputedStyle is reached through globalThis.
  type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };
  const background = (l: Locator) => l.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
  const disabled = await background(prelabel.itemButton);
  expect(disabled).toBe(await background(prelabel.projectButton));
  await expect(prelabel.itemButton).toHaveCSS('cursor', 'not-allowed');
  await prelabel.chooseModel('ppocr-v4-det');
  await expect(prelabel.provider).toHaveText('Runs on CPU');
  await expect(prelabel.itemButton).toBeEnabled();
  expect(await background(prelabel.itemButton)).not.toBe(disabled);
  await expect(prelabel.itemButton).toHaveCSS('cursor', 'pointer');
  // The platform default tried CUDA/TensorRT on this GPU-less machine; the user did not ask, so nothing is said.
  await expect(page.getByTestId('provider-fallback')).toHaveCount(0);
  await expect(page.getByText(/Not available here|cuda|tensorrt/i)).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toHaveText('0 pre-labels to review on this item');

  // Back on the project list the card counts in the singular.
  await page.getByTestId('back-to-projects').click();
  await expect(projects.card('Single').getByTestId('project-stats')).toHaveText('1 item · 0 done · 1 class');
});

test('a GPU provider the user asked for by name and did not get is said in words', async ({ page }) => {
  test.setTimeout(150_000);
  // A host of its own started with GROUNDWORK_EP=cuda,cpu; CUDA's libraries are not installed on the test machines.
  const before = process.env.GROUNDWORK_EP;
  process.env.GROUNDWORK_EP = 'cuda,cpu';
  const gpu = await startWorkstationHosts('words-gpu', ['asked']).finally(() => {
    if (before === undefined) delete process.env.GROUNDWORK_EP;
    else process.env.GROUNDWORK_EP = before;
  });
  try {
    const projects = await new ProjectListPage(page).open(gpu.hosts[0]!.url);
    await projects.createImageProject(folder, 'Asked for CUDA', ['word']);
    const labeling = await new LabelingPage(page).waitUntilReady();
    await labeling.openItem('one.png');
    const prelabel = new PrelabelPanel(page);
    await prelabel.chooseModel('ppocr-v4-det');
    await expect(prelabel.provider).toHaveText('Runs on CPU');
    await expect(page.getByTestId('provider-fallback')).toHaveText('You asked for CUDA, which could not start on this machine; running on CPU instead.');
  } finally {
    await gpu.stop();
  }
});
