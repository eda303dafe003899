import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Wallet } from 'ethers';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../core/consensus/video/types';
import { ANVIL_DEPLOYER_KEY } from '../native/chain';
import { call, signIn } from '../hub/testKit';
import { ICE_CLIP, probeClip, writeRealClip, type RealClip } from './fixtures/realVideo';
import { LabelingPage } from './pages/LabelingPage';
import { NewProjectPage } from './pages/NewProjectPage';
import { PublishDialog } from './pages/PublishDialog';
import { VideoAnnotator } from './pages/VideoAnnotator';
import { startNetworkStack, type NetworkStack } from './support/networkStack';
import { grantRequester } from './support/requesterRole';
import { openWorkstation, startWorkstationHosts, type WorkstationHosts } from './support/workstation';

// A video task end to end through the app: the requester publishes a project of one real clip (real photos
// panned by the bundled ffmpeg, x264 preset medium with B-frames) with its own agreement thresholds; an
// annotator downloads it, labels it with the frame engine (a track over frames, a frame-range tag), marks it
// done and submits; the hub holds the signed version-2 labels with the file's frame count.

let stack: NetworkStack | null = null;
let workstations: WorkstationHosts | null = null;
let media: string | null = null;
let clip: RealClip;
const TITLE = 'Pack ice (video)';
const SHOTS = path.join(process.env.E2E_SCREENSHOTS ?? os.tmpdir(), 'publish-video');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  media = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-publish-video-'));
  [stack, workstations, clip] = await Promise.all([startNetworkStack(), startWorkstationHosts('publish-video', ['requester', 'annotator']), writeRealClip(ICE_CLIP, media)]);
});

test.afterAll(async () => {
  await workstations?.stop();
  workstations = null;
  await stack?.stop();
  stack = null;
  if (media) await rm(media, { recursive: true, force: true });
});

test('a requester publishes a video with agreement thresholds; an annotator downloads it, tracks and tags it, and the hub holds the signed labels', async ({ browser }) => {
  test.setTimeout(360_000);
  const { hub, anvil } = stack!;
  expect((await probeClip(clip.path)).hasBFrames).toBeGreaterThan(0);

  // ---- The requester: a video project from the clip, published with thresholds.
  const r = await openWorkstation(browser, workstations!.hosts[0]!, hub.url, anvil.rpcUrl);
  await grantRequester(hub, ANVIL_DEPLOYER_KEY, r.address);
  await r.page.getByTestId('back-to-projects').click();
  await r.page.getByTestId('new-project-button').click();
  const intake = new NewProjectPage(r.page);
  await intake.scan(media!, 'Pack ice');
  await intake.setClasses(['ice', 'snow']);
  await intake.create();
  await new LabelingPage(r.page).waitUntilReady();

  const dialog = await new PublishDialog(r.page).open();
  const thresholds = dialog.dialog.getByTestId('publish-consensus');
  await expect(thresholds).toBeVisible();
  await expect(thresholds).toContainText('Agreement thresholds');
  for (const [key, value] of Object.entries(DEFAULT_VIDEO_CONSENSUS_OPTIONS)) await expect(dialog.dialog.getByTestId(`publish-consensus-${key}`)).toHaveValue(String(value));
  await dialog.fill({ title: TITLE, instructions: 'Track every ice slab; tag the frames where snow blows.', redundancy: '1', reward: '0.5' });
  // Out of the hub's bounds: named, nothing sent.
  await dialog.dialog.getByTestId('publish-consensus-trackIouThreshold').fill('2');
  await dialog.dialog.getByTestId('publish-consensus-boundaryTolerance').fill('2.5');
  await dialog.submit.click();
  await expect(dialog.error).toContainText('Track IoU to be one object');
  await expect(dialog.error).toContainText('Shot boundary tolerance (frames)');
  await expect(dialog.dialog.getByTestId('publish-consensus-trackIouThreshold')).toHaveClass(/invalid/);
  await dialog.dialog.getByTestId('publish-consensus-trackIouThreshold').fill('0.7');
  await dialog.dialog.getByTestId('publish-consensus-boundaryTolerance').fill('3');
  await expect(dialog.dialog).toContainText('1 video;');
  await r.page.screenshot({ path: path.join(SHOTS, 'publish-form.png') });
  const published = await dialog.publish();
  expect(published).toMatchObject({ uploaded: 1, skipped: 0 });

  // On the hub: one video item of the clip's own frame count, and the thresholds (the rest defaults).
  const operator = await signIn(hub, new Wallet(ANVIL_DEPLOYER_KEY));
  const task = await call<{ consensus: Record<string, number>; itemCount: number }>(hub, 'GET', `/tasks/${published.taskId}`, { token: operator });
  expect(task.body).toMatchObject({ itemCount: 1, consensus: { ...DEFAULT_VIDEO_CONSENSUS_OPTIONS, trackIouThreshold: 0.7, boundaryTolerance: 3 } });
  const [row] = await hub.context.db.query<{ video: { frameCount: number; fps: number } }>('SELECT video FROM items WHERE task_id = $1', [published.taskId]);
  expect(row!.video).toEqual({ frameCount: clip.frameCount, fps: clip.fps });
  await r.page.context().close();

  // ---- The annotator: download (Range job), the same frame engine opens it.
  const a = await openWorkstation(browser, workstations!.hosts[1]!, hub.url, anvil.rpcUrl);
  await a.network.downloadAndOpen(TITLE);
  // The requester's instructions come first.
  const brief = a.page.getByTestId('task-instructions');
  await expect(brief).toContainText('Track every ice slab');
  await brief.getByTestId('task-instructions-start').click();
  const annotator = new VideoAnnotator(a.page);
  await annotator.video.waitUntilOpen();
  await expect(a.page.getByTestId('item-video-badge').first()).toContainText(String(clip.frameCount));
  // The frame engine found the clip's one shot (a real pan, no cut).
  await expect(annotator.video.segments).toHaveCount(1, { timeout: 60_000 });
  expect(await annotator.video.segmentRanges()).toEqual([[0, clip.frameCount - 1]]);
  const ice = clip.objects[0]!;
  expect(ice.lastFrame).toBeGreaterThanOrEqual(180);
  await annotator.track('ice', [ice.firstFrame, 100, 180].map((frame) => ({ frame, box: ice.boxAt(frame) })), null);

  // A frame-range tag: Shift+drag on the timeline over frames 40–90, then tag it.
  const timeline = a.page.getByTestId('timeline');
  const bounds = (await timeline.boundingBox())!;
  const xOf = (f: number) => bounds.x + ((f + 0.5) / clip.frameCount) * bounds.width;
  await a.page.keyboard.down('Shift');
  await a.page.mouse.move(xOf(40), bounds.y + bounds.height / 2);
  await a.page.mouse.down();
  await a.page.mouse.move(xOf(90), bounds.y + bounds.height / 2, { steps: 8 });
  await a.page.mouse.up();
  await a.page.keyboard.up('Shift');
  await a.page.getByTestId('frame-tag-class').selectOption({ label: 'snow' });
  await expect(a.page.getByTestId('frame-tag-button')).toHaveText(/^Tag frames \d+–\d+$/);
  await a.page.getByTestId('frame-tag-button').click();
  // The tags "here" are the current frame's: inside the range, the tag with its range.
  await annotator.video.goToFrame(60);
  await expect(a.page.getByTestId('frame-tags-here')).toContainText('snow');
  const tagText = (await a.page.getByTestId('frame-tags-here').textContent()) ?? '';
  const [, tagStart, tagEnd] = /snow · (\d+)–(\d+)/.exec(tagText) ?? [];
  expect(Number(tagEnd) - Number(tagStart)).toBeGreaterThan(20);

  await a.page.getByTestId('mark-done-button').click();
  await annotator.labeling.expectAllSaved();
  await annotator.video.goToFrame(100);
  await a.page.screenshot({ path: path.join(SHOTS, 'video-item-in-hub-task.png') });

  // ---- Submit: the summary counts what is signed; the hub holds it.
  await a.page.getByTestId('open-network').click();
  await a.network.submitForSigning();
  await expect(a.page.getByTestId('sign-video')).toHaveText('1 video: 1 track (3 keyframes), 1 frame tag, 1 shot');
  await a.page.screenshot({ path: path.join(SHOTS, 'sign-video-batch.png') });
  await a.page.getByTestId('confirm-sign').click();
  await expect(a.page.getByTestId('sign-dialog')).toHaveCount(0);
  const [item] = await hub.context.db.query<{ id: string }>('SELECT id FROM items WHERE task_id = $1', [published.taskId]);
  type Lineage = { submissions: { annotator: string; labelsMatchHash: boolean; video?: { frameCount: number; tracks: { className: string; keyframes: { frame: number }[] }[]; frameTags: { className: string; startFrame: number; endFrame: number }[] } }[] };
  const lineage = async () => (await call<Lineage>(hub, 'GET', `/items/${item!.id}/lineage`, { token: operator })).body;
  await expect.poll(async () => (await lineage()).submissions?.length ?? 0, { timeout: 30_000 }).toBe(1);
  const [submission] = (await lineage()).submissions;
  expect(submission).toMatchObject({ annotator: a.address, labelsMatchHash: true });
  expect(submission!.video).toMatchObject({ frameCount: clip.frameCount, frameTags: [{ className: 'snow', startFrame: Number(tagStart), endFrame: Number(tagEnd) }] });
  expect(submission!.video!.tracks.map((t) => [t.className, t.keyframes.map((k) => k.frame)])).toEqual([['ice', [ice.firstFrame, 100, 180]]]);
});
