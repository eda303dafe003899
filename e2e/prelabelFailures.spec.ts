import { expect, test } from '@playwright/test';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyRealPhotos, realPhotoPath } from '../electron/services/prelabel/testSupport/realPhotos';
import { makeWordImage } from './fixtures/wordImages';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// Real photographs and a printed page; after intake one photo's file is
// replaced by junk (a disk error, a half-finished copy), so the run meets an
// image it cannot decode in the middle of the project.
let folder: string;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-failures-'));
  await copyRealPhotos(folder);
  await makeWordImage(folder, 'receipt.png', 1280, 720, [{ text: 'INVOICE', x: 80, y: 160 }]);
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('a run with a broken image finishes, lists it with its reason, and "Retry failed" labels it once fixed', async ({ page }) => {
  test.setTimeout(240_000);
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(folder, 'Failures');
  await intake.setClasses(['logo']);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('receipt.png');

  await writeFile(path.join(folder, 'horiz.jpg'), 'this is not a picture any more\n');

  const prelabel = new PrelabelPanel(page);
  await prelabel.chooseModel('ppocr-v4-det');
  await prelabel.projectButton.click();
  await prelabel.addClassesButton.click();

  // Every image is processed: the run ends "finished, 1 failed", not at the broken one.
  await expect(prelabel.progress).toHaveAttribute('data-state', 'succeeded', { timeout: 150_000 });
  await expect(prelabel.progress).toHaveAttribute('data-done', '4');
  await expect(prelabel.progress).toContainText('4 / 4 · finished, 1 failed');
  const failures = page.getByTestId('prelabel-failure');
  await expect(failures).toHaveCount(1);
  await expect(failures.first()).toHaveAttribute('data-rel-path', 'horiz.jpg');
  await expect(failures.first()).toContainText('horiz.jpg');
  await expect(failures.first()).toContainText('cannot decode image');
  // The other images were labeled: the page's word is a pending text box.
  await expect(labeling.shapeCount).toHaveText('1');

  // The list survives a reload (the host keeps it with the job).
  await labeling.expectAllSaved();
  await page.reload();
  await projects.openProject('Failures');
  await labeling.waitUntilReady();
  await expect(page.getByTestId('prelabel-failure')).toHaveCount(1);

  // The file is fixed; one click re-runs only it.
  await copyFile(realPhotoPath('horiz.jpg'), path.join(folder, 'horiz.jpg'));
  await page.getByTestId('prelabel-retry-failed').click();
  await expect(prelabel.progress).toHaveAttribute('data-total', '1', { timeout: 30_000 });
  await expect(prelabel.progress).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  await expect(prelabel.progress).toContainText('1 / 1 · finished');
  await expect(prelabel.progress).not.toContainText('failed');
  await expect(page.getByTestId('prelabel-failures')).toHaveCount(0);
});
