import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeReportSchema } from '../../common/services/intake';
import { createRootStore } from '../media/rootStore';
import { makeIntakeFixture, makePng, tempDir } from '../testSupport/fixtureImages';
import { placeVideo } from '../testSupport/fixtureVideos';
import { createVideoEngine, type VideoEngine } from '../video/videoEngine';
import { createIntakeJob } from './intakeJob';

const engines: VideoEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

/** A root store and video engine over a fresh data folder, with `media` granted. */
async function hostFor(media: string) {
  const dataDir = await tempDir('intake-data');
  const roots = createRootStore(dataDir);
  const videos = createVideoEngine({ dataDir, roots, memoryCapBytes: 8 << 20 });
  engines.push(videos);
  const root = await roots.grant(media);
  return { intake: createIntakeJob(roots, videos), rootId: root.rootId, videos };
}

async function runIntake(fill: (media: string) => Promise<void> = makeIntakeFixture) {
  const media = await tempDir('intake-media');
  await fill(media);
  const { intake, rootId, videos } = await hostFor(media);
  const progress: Array<[number, number]> = [];
  const result = await intake({ kind: 'intake', rootId }, { jobId: 'test', signal: new AbortController().signal, progress: (d, t) => progress.push([d, t]) });
  return { report: IntakeReportSchema.parse(result), progress, videos };
}

describe('intake job', () => {
  it('accepts good images from sub-folders, rejects bad ones with reasons, flags duplicates', async () => {
    const { report, progress } = await runIntake();
    expect(report.accepted.map((a) => a.relPath)).toEqual(['a/original.jpg', 'a/sub/scene.png', 'b/copy-of-original.jpg', 'b/other.webp', 'c/resized-original.jpg']);
    const byPath = Object.fromEntries(report.accepted.map((a) => [a.relPath, a]));
    expect(byPath['a/original.jpg']).toMatchObject({ width: 320, height: 240 });
    expect(byPath['a/sub/scene.png']).toMatchObject({ width: 200, height: 150 });
    expect(byPath['b/other.webp']).toMatchObject({ width: 180, height: 120 });
    expect(byPath['a/original.jpg']!.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(byPath['a/original.jpg']!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const reasons = Object.fromEntries(report.rejected.map((r) => [r.relPath, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['c/empty.jpg', 'c/notes.png', 'c/truncated.jpg']);
    expect(reasons['c/empty.jpg']).toMatch(/empty file/);
    expect(reasons['c/truncated.jpg']).toMatch(/^truncated: the JPEG data ends before the image is complete/);
    expect(reasons['c/notes.png']).toBe('not an image: the content is not JPEG, PNG or WebP data');

    expect(report.duplicates).toEqual([
      { relPath: 'b/copy-of-original.jpg', duplicateOf: 'a/original.jpg', kind: 'exact', distance: 0 },
      expect.objectContaining({ relPath: 'c/resized-original.jpg', duplicateOf: 'a/original.jpg', kind: 'near' }),
    ]);
    expect(report.duplicates[1]!.distance).toBeLessThanOrEqual(6);
    // Distinct scenes must not be called duplicates of each other.
    expect(report.duplicates.map((d) => d.relPath)).not.toContain('b/other.webp');
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('stops when cancelled', async () => {
    const media = await tempDir('intake-cancel');
    await makeIntakeFixture(media);
    const { intake, rootId, videos } = await hostFor(media);
    const controller = new AbortController();
    const run = intake({ kind: 'intake', rootId }, { jobId: 'test', signal: controller.signal, progress: (done) => done === 1 && controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('probes videos: size and video info from the probe, sha256 of the file, phash of a middle frame; bad videos rejected with the reason', async () => {
    const { report, progress } = await runIntake(async (media) => {
      await placeVideo('fourSeconds', media, 'clips/good.mp4');
      await placeVideo('fourSeconds', media, 'clips/same-clip.mov');
      await placeVideo('truncated', media, 'clips/truncated.mp4');
      await placeVideo('notVideo', media, 'clips/notes.mp4');
      await placeVideo('audioOnly', media, 'clips/audio-only.mp4');
      await writeFile(path.join(media, 'still.png'), await makePng(64, 48));
    });
    expect(report.accepted.map((a) => a.relPath)).toEqual(['clips/good.mp4', 'clips/same-clip.mov', 'still.png']);
    const good = report.accepted[0]!;
    const bytes = await readFile(path.join(report.rootPath, 'clips', 'good.mp4'));
    expect(good).toEqual({
      relPath: 'clips/good.mp4',
      kind: 'video',
      width: 320,
      height: 240,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      phash: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
      video: { frameCount: 120, fps: 30, durationSec: expect.closeTo(4, 1) as number, variableFrameRate: false, codec: 'h264', rotation: 0 },
    });
    // Images keep their shape (no kind means image).
    expect(report.accepted[2]).not.toHaveProperty('kind');

    const reasons = Object.fromEntries(report.rejected.map((r) => [r.relPath, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['clips/audio-only.mp4', 'clips/notes.mp4', 'clips/truncated.mp4']);
    expect(reasons['clips/truncated.mp4']).toMatch(/^Truncated video: /);
    expect(reasons['clips/notes.mp4']).toMatch(/^Not a video file: /);
    expect(reasons['clips/audio-only.mp4']).toMatch(/^No video stream in /);
    for (const reason of Object.values(reasons)) expect(reason).not.toContain(report.rootPath);

    // The same clip under another name is an exact duplicate, like images.
    expect(report.duplicates).toEqual([{ relPath: 'clips/same-clip.mov', duplicateOf: 'clips/good.mp4', kind: 'exact', distance: 0 }]);
    expect(progress.at(-1)).toEqual([6, 6]);
  });

  it("makes each accepted video's frame pack for later, not an exact copy's: opened afterwards, its frames come from the pack at once", async () => {
    const { report, videos } = await runIntake(async (media) => {
      await placeVideo('fourSeconds', media, 'clips/good.mp4');
      await placeVideo('fourSeconds', media, 'clips/same-clip.mov');
      await placeVideo('truncated', media, 'clips/truncated.mp4');
    });
    expect(report.accepted.map((a) => a.relPath)).toEqual(['clips/good.mp4', 'clips/same-clip.mov']);
    // In the background, after the report: at the lowest CPU priority, so no deadline here but the test's.
    const packs = path.join(videos.cacheDir, 'packs');
    const checked = async () => {
      const names = (await readdir(packs).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
      const indexes = await Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(packs, n), 'utf8')) as { checkedAgainst?: string }));
      return indexes.filter((index) => index.checkedAgainst !== undefined).length;
    };
    while ((await checked()) === 0) await new Promise((r) => setTimeout(r, 50));
    // Every pack intake queued (right after its report) has been made by now: the copy's would be a second one.
    await videos.whenIdle();
    expect(await checked()).toBe(1);
    expect((await readdir(packs)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const good = await videos.resolve(report.rootId, 'clips/good.mp4');
    expect(await videos.preparePack(good)).toEqual({ state: 'ready', frames: 120 });
  }, 180_000);
});
