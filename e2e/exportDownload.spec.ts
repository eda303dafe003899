import { expect, test, type Download } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { ACCEPTED_AFTER_SKIP } from './fixtures/fixtureFolder';
import { makeVideoFolder, TWO_SHOTS } from './fixtures/videoFolder';
import { ExportDialog } from './pages/ExportDialog';
import { LabelingPage, type ImageRect } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { ProjectListPage } from './pages/ProjectListPage';
import { VideoPage } from './pages/VideoPage';
import { e2eHost } from './support/hostEnv';

const CLASSES = ['car', 'person', 'bicycle'];
const BOX: ImageRect = { x: 40, y: 60, w: 100, h: 80 };

/** The downloaded zip's entries by path, after checking the browser named it like the export and it has one top folder. */
async function unzipDownload(download: Download): Promise<{ root: string; files: Record<string, Uint8Array> }> {
  const zipPath = await download.path();
  const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
  const roots = new Set(Object.keys(entries).map((p) => p.split('/')[0]));
  expect(roots.size).toBe(1);
  const root = [...roots][0]!;
  expect(download.suggestedFilename()).toBe(`${root}.zip`);
  const files: Record<string, Uint8Array> = {};
  for (const [p, bytes] of Object.entries(entries)) files[p.slice(root.length + 1)] = bytes;
  return { root, files };
}

/** Ultralytics finds an image's labels by replacing the last /images/ with /labels/ and the extension with .txt. */
const labelPathOf = (imagePath: string) => imagePath.replace(/^images\//, 'labels/').replace(/\.[^./]+$/, '.txt');

test('YOLO with a seeded split downloads as a zip Ultralytics trains from: data.yaml path/train/val/names, labels beside images per split', async ({ page }) => {
  // Intake, drawing and two exports with their images: generous for a loaded 2-core machine.
  test.setTimeout(240_000);
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(host.fixtureDir, 'Export survey');
  await intake.skipDuplicates.check();
  await intake.setClasses(CLASSES);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  await labeling.openItem('alley.jpg');
  await labeling.useClass('person');
  await labeling.drawBox(BOX);
  await labeling.expectAllSaved();

  const dialog = new ExportDialog(page);
  const first = await dialog.exportYoloSplit(50, 7);
  expect(first.train + first.val).toBe(ACCEPTED_AFTER_SKIP.length);
  expect(first.val).toBe(Math.round(ACCEPTED_AFTER_SKIP.length / 2));
  const { root, files } = await unzipDownload(first.download);

  const yaml = parse(strFromU8(files['data.yaml']!)) as Record<string, unknown>;
  expect(yaml.path).toBe(root);
  expect(yaml.train).toBe('images/train');
  expect(yaml.val).toBe('images/val');
  expect(yaml.names).toEqual({ 0: 'car', 1: 'person', 2: 'bicycle' });

  // Every project image is in exactly one split folder, byte for byte, with its label file where Ultralytics looks.
  const images = Object.keys(files).filter((p) => p.startsWith('images/'));
  expect(images.map((p) => p.replace(/^images\/(train|val)\//, '')).sort()).toEqual([...ACCEPTED_AFTER_SKIP].sort());
  expect(images.filter((p) => p.startsWith(`${String(yaml.train)}/`))).toHaveLength(first.train);
  expect(images.filter((p) => p.startsWith(`${String(yaml.val)}/`))).toHaveLength(first.val);
  for (const image of images) {
    expect(Buffer.from(files[image]!)).toEqual(await readFile(path.join(host.fixtureDir, image.replace(/^images\/(train|val)\//, ''))));
    expect(Object.keys(files)).toContain(labelPathOf(image));
  }
  expect(Object.keys(files).filter((p) => p.startsWith('labels/'))).toHaveLength(images.length);
  const alley = images.find((p) => p.endsWith('/alley.jpg'))!;
  const alleyLabels = strFromU8(files[labelPathOf(alley)]!).trim().split('\n');
  expect(alleyLabels).toHaveLength(1);
  expect(alleyLabels[0]!.split(' ')[0]).toBe('1');

  // The same seed gives the same split.
  const again = await dialog.exportYoloSplit(50, 7);
  const second = await unzipDownload(again.download);
  expect(Object.keys(second.files).filter((p) => p.startsWith('images/')).sort()).toEqual(images.sort());
});

let videoDir = '';
test.afterAll(async () => {
  if (videoDir) await rm(videoDir, { recursive: true, force: true });
});

test('a video export downloads as a zip of the format files', async ({ page }) => {
  test.setTimeout(180_000);
  videoDir = await makeVideoFolder(await mkdtemp(path.join(os.tmpdir(), 'gw-e2e-export-video-')));
  const host = e2eHost();
  const projects = await new ProjectListPage(page).open(host.url);
  await projects.newProjectButton.click();
  const intake = new NewProjectPage(page);
  await intake.scan(videoDir, 'Export video');
  await intake.setClasses(['car', 'person']);
  await intake.create();
  const labeling = await new LabelingPage(page).waitUntilReady();
  const video = new VideoPage(page);
  await video.waitUntilOpen();
  // The shots pass finds the cut first: its two shots are exported too (gt/tags.json), so the zip is the same every run.
  await expect(video.segments).toHaveCount(2, { timeout: 30_000 });
  await video.goToFrame(10);
  await labeling.drawBox(BOX);
  await video.expectSelectedBox(BOX);
  await labeling.expectAllSaved();

  const downloading = page.waitForEvent('download');
  const folder = await video.exportAs('mot');
  const { root, files } = await unzipDownload(await downloading);
  expect(folder.endsWith(`/${root}`)).toBe(true);
  await expect(page.getByTestId('video-export-delivery')).toHaveText(`Downloading ${root}.zip`);
  expect(Object.keys(files).sort()).toEqual(['gt/gt.txt', 'gt/labels.txt', 'gt/tags.json']);
  expect(strFromU8(files['gt/gt.txt']!)).toBe(`11,1,${BOX.x.toFixed(2)},${BOX.y.toFixed(2)},${BOX.w.toFixed(2)},${BOX.h.toFixed(2)},1,1,1\n`);
  expect(strFromU8(files['gt/labels.txt']!)).toBe('car\nperson\n');
  const tags = JSON.parse(strFromU8(files['gt/tags.json']!)) as { frameTags: unknown[]; segments: { startFrame: number; endFrame: number }[] };
  expect(tags.frameTags).toEqual([]);
  expect(tags.segments.map((s) => [s.startFrame, s.endFrame])).toEqual([[0, TWO_SHOTS.cutAt - 1], [TWO_SHOTS.cutAt, TWO_SHOTS.frameCount - 1]]);
});
