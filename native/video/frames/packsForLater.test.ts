import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../process/binaries';
import { probeVideo } from '../probe/probeVideo';
import { fixture, PATTERN_WIDTH, tempCacheDir } from '../testSupport/fixtures';
import { readFrameIndex } from '../testSupport/indexPattern';
import { packServersClosedAfterEach } from '../testSupport/packServers';
import type { FramePackIndex } from './framePack';
import { FramePacks } from './framePacks';
import { videoIdentity } from './packCheck';

const server = packServersClosedAfterEach();
const run = promisify(execFile);

/**
 * Copies of the B-frame photo pan under other names: other cache keys, so each gets its own pack.
 * A name starting with "long" is the pan ten times over (1,800 frames, stream copy): its build lasts
 * long enough on a loaded machine that what the test does meanwhile happens during it.
 */
async function copies(label: string, names: string[]): Promise<string[]> {
  const dir = await tempCacheDir(label);
  const source = await fixture('photoPan');
  return Promise.all(names.map(async (name) => {
    const file = path.join(dir, `${name}.mp4`);
    if (name.startsWith('long')) await run(resolveBinaries().ffmpeg, ['-v', 'error', '-y', '-stream_loop', '9', '-i', source, '-c', 'copy', file]);
    else await fs.copyFile(source, file);
    return file;
  }));
}

const packsDir = (cacheDir: string) => path.join(cacheDir, 'packs');
const indexFileIn = async (cacheDir: string) => path.join(packsDir(cacheDir), (await fs.readdir(packsDir(cacheDir))).find((n) => n.endsWith('.json'))!);

// Each test makes packs (whole decodes plus sample checks): slow on a loaded 2-core machine.
describe('frame packs made for later (intake)', { timeout: 180_000 }, () => {
  it('are made and checked on disk and kept closed; a video opened later has its pack at once, without decoding samples again', async () => {
    const [file] = await copies('later-reopen', ['clip']);
    const cacheDir = await tempCacheDir('later-reopen-cache');
    const intake = server({ cacheDir });
    expect(await intake.preparePackForLater(file!)).toEqual({ state: 'ready', frames: 180 });
    const index = JSON.parse(await fs.readFile(await indexFileIn(cacheDir), 'utf8')) as FramePackIndex;
    expect(index.checkedAgainst).toBe(await videoIdentity(file!));
    expect(intake.stats().packHits).toBe(0);
    // Kept closed: the same server still decodes until someone opens the video's pack.
    expect(await readFrameIndex((await intake.getFrame(file!, 100)).bytes!, PATTERN_WIDTH)).toBe(100);
    expect(intake.stats().packHits).toBe(0);

    // A later session: every ffmpeg the packs start is counted; opening a checked pack starts none.
    let ffmpegStarts = 0;
    const packs = new FramePacks({ ffmpeg: () => (ffmpegStarts++, resolveBinaries().ffmpeg), dir: packsDir(cacheDir), variant: 'fullq4', jpegQuality: 4, niceness: 0 });
    const probe = await probeVideo(file!, { cacheDir });
    expect(await packs.prepare(probe)).toEqual({ state: 'ready', frames: 180 });
    expect(ffmpegStarts).toBe(0);
    for (const n of [0, 57, 119, 120, 179]) expect(await readFrameIndex((await packs.ready(probe)!.read(n))!.bytes, PATTERN_WIDTH)).toBe(n);
    await packs.close();
  });

  it('never serves a frame whose bytes changed on disk after the check: its checksum fails, it is decoded instead, and the pack is made again', async () => {
    const [file] = await copies('later-damaged', ['clip']);
    const cacheDir = await tempCacheDir('later-damaged-cache');
    expect((await server({ cacheDir }).preparePackForLater(file!)).state).toBe('ready');
    // Frame 100's slot now holds frame 150's JPEG; the index still fits (offsets shifted), its checksums are the pack's own.
    const indexFile = await indexFileIn(cacheDir);
    const dataFile = indexFile.replace(/\.json$/, '.frames');
    const index = JSON.parse(await fs.readFile(indexFile, 'utf8')) as FramePackIndex;
    const data = await fs.readFile(dataFile);
    const jpegs = index.offsets.map((o, n) => data.subarray(o, o + index.lengths[n]!));
    jpegs[100] = jpegs[150]!;
    let offset = 0;
    index.offsets = jpegs.map((j) => ((offset += j.length), offset - j.length));
    index.lengths = jpegs.map((j) => j.length);
    index.dataBytes = offset;
    await fs.writeFile(dataFile, Buffer.concat(jpegs));
    await fs.writeFile(indexFile, JSON.stringify(index));

    const frames = server({ cacheDir });
    expect(await frames.preparePack(file!)).toEqual({ state: 'ready', frames: 180 });
    expect(await readFrameIndex((await frames.getFrame(file!, 99)).bytes!, PATTERN_WIDTH)).toBe(99);
    const decodesBefore = frames.stats().decodeProcesses;
    expect(await readFrameIndex((await frames.getFrame(file!, 100)).bytes!, PATTERN_WIDTH)).toBe(100);
    expect(frames.stats().decodeProcesses).toBeGreaterThan(decodesBefore);
    expect(await readFrameIndex((await frames.getFrame(file!, 150)).bytes!, PATTERN_WIDTH)).toBe(150);

    // The damaged pack was removed and made again: frames come from the pack once more, frame 100's slot holds frame 100.
    expect(await frames.preparePack(file!)).toEqual({ state: 'ready', frames: 180 });
    const remade = JSON.parse(await fs.readFile(indexFile, 'utf8')) as FramePackIndex;
    const slot = (await fs.readFile(dataFile)).subarray(remade.offsets[100], remade.offsets[100]! + remade.lengths[100]!);
    expect(crc32(slot)).toBe(remade.crc32[100]);
    expect(await readFrameIndex(slot, PATTERN_WIDTH)).toBe(100);
    const hitsBefore = frames.stats().packHits;
    const decodesAfter = frames.stats().decodeProcesses;
    expect(await readFrameIndex((await frames.getFrame(file!, 120)).bytes!, PATTERN_WIDTH)).toBe(120);
    expect(frames.stats().packHits).toBe(hitsBefore + 1);
    expect(frames.stats().decodeProcesses).toBe(decodesAfter);
  });

  it('a damaged pack is not made again for a video released meanwhile; a prepare meanwhile gets a new pack, never the damaged one', async () => {
    const [file] = await copies('later-damaged-race', ['clip']);
    const cacheDir = await tempCacheDir('later-damaged-race-cache');
    let ffmpegStarts = 0;
    // Two servers in turn: a damaged pack is made again once per server.
    const server = () => new FramePacks({ ffmpeg: () => (ffmpegStarts++, resolveBinaries().ffmpeg), dir: packsDir(cacheDir), variant: 'fullq4', jpegQuality: 4, niceness: 0 });
    const probe = await probeVideo(file!, { cacheDir });
    const damage = async (packs: FramePacks) => {
      const index = JSON.parse(await fs.readFile(await indexFileIn(cacheDir), 'utf8')) as FramePackIndex;
      const handle = await fs.open((await indexFileIn(cacheDir)).replace(/\.json$/, '.frames'), 'r+');
      await handle.write(Buffer.from([0x55, 0xaa, 0x55, 0xaa]), 0, 4, index.offsets[10]! + 200);
      await handle.close();
      expect(await packs.ready(probe)!.read(10)).toBeNull();
      expect(packs.ready(probe)!.damaged).toBe(true);
    };

    // Damaged and released at once (the video closed): removed, and no build starts for it.
    const first = server();
    try {
      expect((await first.prepare(probe)).state).toBe('ready');
      await damage(first);
      const starts = ffmpegStarts;
      first.replaceDamaged(probe);
      first.release(probe.cacheKey);
      await Promise.all(first.pending());
      expect((await fs.readdir(packsDir(cacheDir))).filter((n) => n.endsWith('.frames') || n.endsWith('.json'))).toEqual([]);
      expect(ffmpegStarts).toBe(starts);
    } finally {
      await first.close();
    }

    // Opened again while the damaged pack is being removed: a new pack is made, and frame 10 reads whole.
    const second = server();
    try {
      expect((await second.prepare(probe)).state).toBe('ready');
      await damage(second);
      second.replaceDamaged(probe);
      expect(await second.prepare(probe)).toEqual({ state: 'ready', frames: 180 });
      await Promise.all(second.pending());
      expect(second.ready(probe)!.damaged).toBe(false);
      expect(await readFrameIndex((await second.ready(probe)!.read(10))!.bytes, PATTERN_WIDTH)).toBe(10);
    } finally {
      await second.close();
    }
  });

  it('use only free room: a pack made for later never removes another, and says the video gets its pack when opened', async () => {
    const [kept, later] = await copies('later-budget', ['kept', 'later']);
    const cacheDir = await tempCacheDir('later-budget-cache');
    expect((await server({ cacheDir }).preparePack(kept!)).state).toBe('ready');
    const before = (await fs.readdir(packsDir(cacheDir))).sort();
    const keptBytes = (await fs.stat(path.join(packsDir(cacheDir), before.find((n) => n.endsWith('.frames'))!))).size;
    // Room for the new pack's estimate (12× the video) only once the kept pack is gone.
    const frames = server({ cacheDir, framePackBudgetBytes: keptBytes + (await fs.stat(later!)).size * 12 - 1 });
    const status = await frames.preparePackForLater(later!);
    expect(status).toMatchObject({ state: 'refused' });
    expect(status.state === 'refused' && status.reason).toMatch(/fill the disk budget of .*; this video gets its pack when it is opened$/);
    expect((await fs.readdir(packsDir(cacheDir))).sort()).toEqual(before);
    // Opened, it may make room (the kept pack is not open in this server).
    expect(await frames.preparePack(later!)).toEqual({ state: 'ready', frames: 180 });
  });

  it('stop when the server closes: close resolves once no build runs, with nothing half-made left', async () => {
    const [first, second] = await copies('later-close', ['longFirst', 'second']);
    const cacheDir = await tempCacheDir('later-close-cache');
    const frames = server({ cacheDir });
    const outcomes = [frames.preparePackForLater(first!), frames.preparePackForLater(second!)];
    await waitFor(async () => (await buildsInProgress(cacheDir)).length > 0);
    await frames.close();
    expect(await fs.readdir(packsDir(cacheDir))).toEqual([]);
    expect(await Promise.all(outcomes)).toEqual([{ state: 'refused', reason: 'cancelled' }, { state: 'refused', reason: 'cancelled' }]);
  });

  it('stop when intake is cancelled: the running build and the queued ones, with nothing half-made left', async () => {
    const [first, second] = await copies('later-cancel', ['longFirst', 'second']);
    const cacheDir = await tempCacheDir('later-cancel-cache');
    const frames = server({ cacheDir });
    const intake = new AbortController();
    const outcomes = [frames.preparePackForLater(first!, intake.signal), frames.preparePackForLater(second!, intake.signal)];
    await waitFor(async () => (await buildsInProgress(cacheDir)).length > 0);
    intake.abort();
    expect(await Promise.all(outcomes)).toEqual([{ state: 'refused', reason: 'cancelled' }, { state: 'refused', reason: 'cancelled' }]);
    await frames.whenIdle();
    expect(await fs.readdir(packsDir(cacheDir))).toEqual([]);
    // The server itself goes on: an opened video still gets its pack.
    expect(await frames.preparePack(second!)).toEqual({ state: 'ready', frames: 180 });
  });

  it('give way to a video someone opens: the running intake build stops, the opened one is made before any intake build, then intake resumes', async () => {
    const [first, second, opened] = await copies('later-preempt', ['longFirst', 'second', 'opened']);
    const cacheDir = await tempCacheDir('later-preempt-cache');
    const frames = server({ cacheDir });
    const keys = new Map<string, string>();
    for (const [name, file] of [['first', first!], ['second', second!], ['opened', opened!]] as const) keys.set((await frames.open(file)).cacheKey, name);
    const settled: string[] = [];
    const firstDone = frames.preparePackForLater(first!).then((s) => (settled.push('first'), s));
    const secondDone = frames.preparePackForLater(second!).then((s) => (settled.push('second'), s));
    await waitFor(async () => (await buildsInProgress(cacheDir)).length > 0);
    expect((await buildsInProgress(cacheDir)).map((key) => keys.get(key))).toEqual(['first']);
    const openedDone = frames.preparePack(opened!).then((s) => (settled.push('opened'), s));
    // The first intake build's temporary files go; the next build to start is the opened video's (never the second's).
    let seen: string[] = [];
    await waitFor(async () => {
      const building = (await buildsInProgress(cacheDir)).map((key) => keys.get(key)!);
      const made = (await fs.readdir(packsDir(cacheDir))).filter((n) => n.endsWith('.json')).map((n) => keys.get(n.slice(0, n.indexOf('-fullq')))!);
      seen = [...building, ...made].filter((name) => name !== 'first');
      return seen.length > 0;
    });
    expect(seen).toEqual(['opened']);
    expect(await openedDone).toEqual({ state: 'ready', frames: 180 });
    expect(await firstDone).toEqual({ state: 'ready', frames: 1800 });
    expect(await secondDone).toEqual({ state: 'ready', frames: 180 });
    // The stopped build resumed before the intake build queued after it.
    expect(settled).toEqual(['opened', 'first', 'second']);
  });

  it('are checked again when another file takes the video\'s place, even with the same path, size and mtime', async () => {
    const [file] = await copies('later-replaced', ['clip']);
    const cacheDir = await tempCacheDir('later-replaced-cache');
    // Whole seconds: utimes sets them back exactly (a Date carries only milliseconds of the file's nanoseconds).
    const at = Math.floor(Date.now() / 1000) - 3600;
    await fs.utimes(file!, at, at);
    const before = await probeVideo(file!, { cacheDir });
    expect((await server({ cacheDir }).preparePackForLater(file!)).state).toBe('ready');
    // The same bytes written again, mtime set back: same cache key, another change time.
    await fs.writeFile(file!, await fs.readFile(file!));
    await fs.utimes(file!, at, at);
    let ffmpegStarts = 0;
    const packs = new FramePacks({ ffmpeg: () => (ffmpegStarts++, resolveBinaries().ffmpeg), dir: packsDir(cacheDir), variant: 'fullq4', jpegQuality: 4, niceness: 0 });
    const probe = await probeVideo(file!, { cacheDir });
    expect(probe.cacheKey).toBe(before.cacheKey);
    expect(await packs.prepare(probe)).toEqual({ state: 'ready', frames: 180 });
    // One ffmpeg for the sample check, none for a build: the pack stayed and was checked again.
    expect(ffmpegStarts).toBe(1);
    expect((await fs.readdir(packsDir(cacheDir))).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const index = JSON.parse(await fs.readFile(await indexFileIn(cacheDir), 'utf8')) as FramePackIndex;
    expect(index.checkedAgainst).toBe(await videoIdentity(file!));
    await packs.close();
  });

  it('clear packs of an older format out of the budget before the first build, intake\'s too', async () => {
    const [file] = await copies('later-old-format', ['clip']);
    const cacheDir = await tempCacheDir('later-old-format-cache');
    await fs.mkdir(packsDir(cacheDir), { recursive: true });
    await fs.writeFile(path.join(packsDir(cacheDir), 'old-fullq4.frames'), Buffer.alloc(4096));
    await fs.writeFile(path.join(packsDir(cacheDir), 'old-fullq4.json'), JSON.stringify({ format: 1, cacheKey: 'old', offsets: [], lengths: [] }));
    expect((await server({ cacheDir }).preparePackForLater(file!)).state).toBe('ready');
    expect((await fs.readdir(packsDir(cacheDir))).filter((n) => n.startsWith('old-'))).toEqual([]);
  });
});

/** Cache keys of the packs being written now (their temporary data files). */
async function buildsInProgress(cacheDir: string): Promise<string[]> {
  const names = await fs.readdir(packsDir(cacheDir)).catch(() => [] as string[]);
  return names.filter((n) => /\.frames\..*\.tmp$/.test(n)).map((n) => n.slice(0, n.indexOf('-fullq')));
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 2));
}
