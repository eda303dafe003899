import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeVideoFolder, TWO_SHOTS } from './fixtures/videoFolder';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

// Issue 12 part 2: a reload returns to the project, the item, the video frame, and each item's zoom and pan.

// The e2e tsconfig has no DOM types: the page's IndexedDB is reached through globalThis, typed as far as used here.
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbDatabase {
  transaction(store: string, mode?: 'readwrite'): { objectStore(name: string): { getAll(): IdbRequest<unknown[]>; put(row: unknown): void }; oncomplete: (() => void) | null; onerror: (() => void) | null; error: unknown };
  close(): void;
}
type PageGlobals = { indexedDB: { open(name: string): IdbRequest<IdbDatabase> } };

/** The settings rows of the remembered place (key prefix `place:`), read from the renderer's IndexedDB. */
function placeSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = (globalThis as unknown as PageGlobals).indexedDB.open('groundwork');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const rows = open.result.transaction('settings').objectStore('settings').getAll();
          rows.onerror = () => reject(rows.error);
          rows.onsuccess = () => {
            open.result.close();
            const out: Record<string, unknown> = {};
            for (const r of rows.result as { key: string; value: unknown }[]) if (r.key.startsWith('place:')) out[r.key] = r.value;
            resolve(out);
          };
        };
      }),
  );
}

/** Plants a settings row, as if the app had written it (a place that points at something since deleted). */
function putSetting(page: Page, key: string, value: unknown): Promise<void> {
  return page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = (globalThis as unknown as PageGlobals).indexedDB.open('groundwork');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key, value });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, value },
  );
}

/** Zooms in with the wheel off centre, then pans with Space held and a drag: a camera no fit would give. */
async function zoomAndPan(page: Page, labeling: LabelingPage): Promise<void> {
  const box = (await labeling.canvas.boundingBox())!;
  const before = await labeling.camera();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await labeling.camera()).zoom).toBeGreaterThan(before.zoom * 1.5);
  const zoomed = await labeling.camera();
  await page.keyboard.down('Space');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 25, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Space');
  await expect.poll(async () => (await labeling.camera()).x).toBeCloseTo(zoomed.x + 40, 0);
}

/** Waits until the throttled camera write holds exactly what the canvas shows. */
async function expectCameraRemembered(page: Page, labeling: LabelingPage): Promise<{ x: number; y: number; zoom: number }> {
  const camera = await labeling.camera();
  await expect.poll(async () => Object.entries(await placeSettings(page)).filter(([k, v]) => k.startsWith('place:camera:') && JSON.stringify(v) === JSON.stringify(camera)).length, { message: 'camera written to IndexedDB' }).toBe(1);
  return camera;
}

/** Opens the app on the project list, collecting page errors. */
async function start(page: Page): Promise<{ projects: ProjectListPage; pageErrors: string[] }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { projects: await new ProjectListPage(page).open(e2eHost().url), pageErrors };
}

let videoDir = '';
test.beforeAll(async () => {
  videoDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-place-')));
});
test.afterAll(async () => {
  if (videoDir) await rm(videoDir, { recursive: true, force: true });
});

test('a reload returns to the project, the item, and its zoom and pan; another item keeps its own', async ({ page }) => {
  const host = e2eHost();
  const { projects, pageErrors } = await start(page);
  await projects.createImageProject(host.fixtureDir, 'Place survey', ['car']);
  const labeling = await new LabelingPage(page).waitUntilReady();

  // The second item, zoomed and panned.
  const rows = await labeling.itemRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rel-path')!));
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const [first, second, third] = rows as [string, string, string];
  await labeling.openItem(second);
  await zoomAndPan(page, labeling);
  const secondCamera = await expectCameraRemembered(page, labeling);

  // The third item: opened and left fitted, then the second again: its zoom comes back without a reload too.
  await labeling.openItem(third);
  const thirdFitted = await labeling.camera();
  expect(thirdFitted).not.toEqual(secondCamera);
  await labeling.openItem(second);
  await expect.poll(() => labeling.camera()).toEqual(secondCamera);

  // Reload: straight back into the project on the second item, with its camera; no click on the project list.
  await page.reload();
  await labeling.waitUntilReady();
  await expect(projects.list).toHaveCount(0);
  await expect(page.locator('.topbar .crumb')).toHaveText('Place survey');
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', second);
  await expect.poll(() => labeling.camera()).toEqual(secondCamera);

  // The last item opened is the one a reload returns to.
  await labeling.openItem(first);
  await page.reload();
  await labeling.waitUntilReady();
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', first);

  // The project list is remembered too.
  await page.getByTestId('back-to-projects').click();
  await expect(projects.card('Place survey')).toBeVisible();
  await page.reload();
  await expect(projects.card('Place survey')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('a reload returns to the video frame and its zoom', async ({ page }) => {
  const { projects, pageErrors } = await start(page);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(videoDir, 'Place video');
  await intake.setClasses(['car']);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  const video = new VideoPage(page);
  await video.waitUntilOpen();

  await video.goToFrame(37);
  await zoomAndPan(page, labeling);
  const camera = await expectCameraRemembered(page, labeling);
  await expect.poll(async () => Object.values(await placeSettings(page)).some((v) => (v as { frame?: number }).frame === 37), { message: 'frame 37 written' }).toBe(true);

  await page.reload();
  await video.waitUntilOpen();
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', TWO_SHOTS.relPath);
  await expect(video.frameNumber).toHaveText('37');
  await expect(page.locator('.canvas-wrap')).toHaveAttribute('data-shown-frame', '37', { timeout: 15_000 });
  await expect.poll(() => labeling.camera()).toEqual(camera);
  expect(pageErrors).toEqual([]);
});

test('a remembered project or item that is gone falls back to the project list or the first item', async ({ page }) => {
  const host = e2eHost();
  const { projects, pageErrors } = await start(page);
  await projects.createImageProject(host.fixtureDir, 'Fallback survey', ['car']);
  const labeling = await new LabelingPage(page).waitUntilReady();
  const rows = await labeling.itemRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rel-path')!));

  // The remembered item no longer exists: the project opens on its first item.
  const itemKey = Object.keys(await placeSettings(page)).find((k) => k.startsWith('place:item:'))!;
  expect(itemKey).toBeTruthy();
  await putSetting(page, itemKey, { itemId: 'deleted-item', frame: 12 });
  await page.reload();
  await labeling.waitUntilReady();
  await expect(labeling.currentItem).toHaveAttribute('data-rel-path', rows[0]!);

  // The remembered project no longer exists: the project list, not a blank page.
  await putSetting(page, 'place:view', { name: 'label', projectId: 'deleted-project' });
  await page.reload();
  await expect(projects.card('Fallback survey')).toBeVisible();
  await expect(labeling.view).toHaveCount(0);
  // A malformed row is "nothing remembered".
  await putSetting(page, 'place:view', { name: 42 });
  await page.reload();
  await expect(projects.card('Fallback survey')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
