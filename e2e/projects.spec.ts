import { expect, test, type Page } from '@playwright/test';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeVideoFolder } from './fixtures/videoFolder';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';
import { writePhotoSet } from './support/photoSet';

// Issue 12 part 7: rename, delete with a confirmation that counts what goes (and guards unsynced work),
// add files to an existing project; and the new-project form refuses empty folders and mixed kinds in words.
let work: string;

test.beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'groundwork-projects-'));
});

test.afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs `body` in the page with `db`, a connection to the app's IndexedDB (the e2e tsconfig has no DOM types, hence a script). */
function withAppDb<T>(page: Page, body: string): Promise<T> {
  return page.evaluate<T>(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('groundwork');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try { ${body} } finally { db.close(); }
  })()`);
}

/** A signed batch the hub has not accepted, written as the sync engine would (straight into the outbox table). */
async function addPendingBatch(page: Page, projectName: string): Promise<void> {
  await withAppDb<void>(
    page,
    `const projects = await new Promise((resolve) => { const r = db.transaction('projects').objectStore('projects').getAll(); r.onsuccess = () => resolve(r.result); });
     const projectId = projects.find((p) => p.name === ${JSON.stringify(projectName)}).id;
     await new Promise((resolve, reject) => {
       const tx = db.transaction('outbox', 'readwrite');
       tx.objectStore('outbox').put({ id: 'obx_e2e', kind: 'batch', hubUrl: 'http://127.0.0.1:9', projectId, taskId: 't1', payload: {}, state: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: 1, updatedAt: 1 });
       tx.oncomplete = () => resolve();
       tx.onerror = () => reject(tx.error);
     });`,
  );
}

test('rename, add files (duplicates and videos counted, outside folders refused), delete with the label count and the unsynced guard', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const host = e2eHost();
  const folder = path.join(work, 'shop');
  const photos = await writePhotoSet(folder, 3);
  const extra = path.join(work, 'later');
  await mkdir(extra);
  // photo-03 is moved aside until "Add files…"; the project starts with two photos.
  await rm(path.join(folder, photos[2]!.fileName));
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.createImageProject(folder, 'Shop', ['shelf']);
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem(photos[0]!.fileName);
  await labeling.drawBox({ x: 40, y: 40, w: 100, h: 80 });
  await labeling.expectAllSaved();
  await page.getByTestId('back-to-projects').click();
  await expect(projects.card('Shop').getByTestId('project-stats')).toHaveText('2 items · 0 done · 1 class');

  // Rename: an empty or overlong name is refused in words and nothing changes; a good one is trimmed and kept.
  await projects.card('Shop').getByTestId('rename-project-button').click();
  const input = page.getByTestId('rename-project-input');
  await input.fill('   ');
  await expect(page.getByTestId('rename-project-error')).toHaveText('Give the project a name');
  await expect(page.getByTestId('rename-project-save')).toBeDisabled();
  await input.fill('x'.repeat(130));
  await expect(page.getByTestId('rename-project-error')).toHaveText('A project name can be at most 120 characters (this one has 130)');
  await page.keyboard.press('Escape');
  await expect(projects.card('Shop')).toBeVisible();
  await projects.renameProject('Shop', '  Shop shelves  ');
  await expect(projects.card('Shop shelves')).toBeVisible();
  await page.reload();
  await expect(projects.card('Shop shelves')).toBeVisible();

  // Add files: the project's own folder now holds a new photo, a copy of a labeled one and a video.
  const photoSet = await writePhotoSet(path.join(work, 'again'), 3);
  await copyFile(path.join(work, 'again', photoSet[2]!.fileName), path.join(folder, photos[2]!.fileName));
  await copyFile(path.join(folder, photos[0]!.fileName), path.join(folder, 'copy-of-first.jpg'));
  await makeVideoFolder(path.join(folder, 'clips'));
  let dialog = await projects.scanFilesToAdd('Shop shelves', folder);
  await expect(dialog.getByTestId('add-media-summary')).toHaveText('1 new image to add · 3 files already in the project, skipped');
  await expect(dialog.getByTestId('add-media-other-kind')).toHaveText('1 video left out: this is an image project. Make a new project for the videos.');
  await expect(dialog.getByTestId('add-media-confirm')).toHaveText('Add 1 image');
  await dialog.getByTestId('add-media-confirm').click();
  await expect(dialog.getByTestId('add-media-done')).toHaveText('Added 1 image to the project.');
  await page.keyboard.press('Escape');
  await expect(projects.card('Shop shelves').getByTestId('project-stats')).toHaveText('3 items · 0 done · 1 class');

  // Scanning again finds nothing new: the button stays disabled and the summary says why.
  dialog = await projects.scanFilesToAdd('Shop shelves', folder);
  await expect(dialog.getByTestId('add-media-summary')).toHaveText('0 new images to add · 4 files already in the project, skipped');
  await expect(dialog.getByTestId('add-media-confirm')).toBeDisabled();
  // A folder outside the project's folder is refused in words.
  await dialog.getByTestId('add-media-folder-input').fill(extra);
  await dialog.getByTestId('add-media-scan').click();
  await expect(dialog.getByTestId('add-media-refused')).toContainText(`is outside the project's folder ${folder}`);
  await expect(dialog.getByTestId('add-media-confirm')).toBeDisabled();
  await page.keyboard.press('Escape');

  // Delete: Keep changes nothing; the dialog counts images and labels.
  let del = await projects.openDeleteDialog('Shop shelves');
  await expect(del.getByTestId('delete-project-summary')).toContainText('This deletes 3 images and 1 label from Groundwork. It cannot be undone.');
  await del.getByTestId('delete-project-cancel').click();
  await expect(projects.card('Shop shelves')).toBeVisible();

  // A signed batch not yet accepted by the hub needs a second, explicit tick.
  await addPendingBatch(page, 'Shop shelves');
  del = await projects.openDeleteDialog('Shop shelves');
  await expect(del.getByTestId('delete-project-unsynced')).toContainText('1 signed batch of this project has not been accepted by the hub yet.');
  await expect(del.getByTestId('delete-project-confirm')).toBeDisabled();
  await del.getByTestId('discard-unsynced-checkbox').check();
  await del.getByTestId('delete-project-confirm').click();
  await expect(projects.cards).toHaveCount(0);

  // After a reload it is still gone, and nothing stumbles over it.
  await page.reload();
  await expect(projects.list).toBeVisible();
  await expect(projects.card('Shop shelves')).toHaveCount(0);
  await expect(projects.demoButton).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('new project: an empty folder cannot be created, a folder of images and a video asks which kind and counts what is left out', async ({ page }) => {
  test.setTimeout(120_000);
  const host = e2eHost();
  const empty = path.join(work, 'empty');
  await mkdir(empty);
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(empty, 'Nothing');
  await expect(page.getByTestId('intake-summary')).toHaveText('0 images read · 0 rejected · 0 duplicates · 0 will be added');
  await intake.setClasses(['a']);
  await expect(intake.createButton).toBeDisabled();
  await expect(page.getByTestId('create-project-blocked')).toHaveText('Nothing to add: this folder has no images or videos');

  const mixed = path.join(work, 'mixed');
  await writePhotoSet(mixed, 2);
  await makeVideoFolder(mixed);
  await intake.scan(mixed, 'Mixed');
  await expect(page.getByTestId('intake-summary')).toHaveText('2 images and 1 video read · 0 rejected · 0 duplicates · 2 will be added');
  await expect(page.getByTestId('project-kind-image')).toBeChecked();
  await expect(page.getByTestId('intake-other-kind')).toHaveText('1 video left out; make a separate video project for it.');
  await page.getByTestId('project-kind-video').check();
  await expect(page.getByTestId('intake-summary')).toContainText('1 will be added');
  await expect(page.getByTestId('intake-other-kind')).toHaveText('2 images left out; make a separate image project for them.');
  await page.getByTestId('project-kind-image').check();
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await expect(labeling.itemRows).toHaveCount(2);
  await expect(labeling.itemRows.filter({ has: page.getByTestId('item-video-badge') })).toHaveCount(0);
});
