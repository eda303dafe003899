import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ultralyticsLikeModel, ultralyticsMetadata } from '../native/inference/testSupport/ultralyticsLikeModel';
import { copyRealPhotos } from '../electron/services/prelabel/testSupport/realPhotos';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { PrelabelPanel } from './pages/PrelabelPanel';
import { ProjectListPage } from './pages/ProjectListPage';
import { e2eHost } from './support/hostEnv';

// A user drops an Ultralytics-exported detector into their models folder, with no manifest.
let folder: string;
const modelsDir = () => path.join(e2eHost().dataDir, 'models');

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'groundwork-proposed-model-'));
  await copyRealPhotos(folder);
  await mkdir(modelsDir(), { recursive: true });
  await writeFile(path.join(modelsDir(), 'colours.onnx'), ultralyticsLikeModel({ head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata() }));
});

test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  // The host is shared by the other journeys: leave its models folder as it was.
  await rm(path.join(modelsDir(), 'colours.onnx'), { force: true });
  await rm(path.join(modelsDir(), 'colours.json'), { force: true });
});

test('a dropped-in YOLO model shows what was read from it, and runs once the user confirms it; a recognizer is never offered alone', async ({ page }) => {
  test.setTimeout(180_000);
  const projects = await new ProjectListPage(page).open(e2eHost().url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(folder, 'Dropped model');
  await intake.setClasses(['red']);
  await intake.create();
  await new LabelingPage(page).waitUntilReady();
  const prelabel = new PrelabelPanel(page);

  // The recognizer needs a detector: it is not in the picker. The proposal is not either, until confirmed.
  await expect(prelabel.modelSelect.locator('option[value="ppocr-v4-det"]')).toHaveCount(1);
  await expect(prelabel.modelSelect.locator('option[value="ppocr-v4-rec"]')).toHaveCount(0);
  const proposal = page.getByTestId('proposed-model');
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText('colours.onnx');
  await expect(page.getByTestId('proposed-model-classes')).toHaveValue('red\ngreen\nblue');
  await expect(page.getByTestId('proposed-model-input')).toContainText('640 × 640');
  await expect(page.getByTestId('proposed-model-decoder')).toContainText('yolo-v8');

  await page.getByTestId('proposed-model-name').fill('Colour blobs');
  await page.getByTestId('proposed-model-confirm').click();
  await expect(proposal).toHaveCount(0);
  const option = prelabel.modelSelect.locator('option', { hasText: 'Colour blobs' });
  await expect(option).toHaveCount(1);
  await prelabel.chooseModel((await option.getAttribute('value'))!);
});
