import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../process/binaries';
import { probeVideo } from '../probe/probeVideo';
import { fixture, PATTERN_WIDTH, tempCacheDir } from '../testSupport/fixtures';
import { readFrameIndex } from '../testSupport/indexPattern';
import { packServersClosedAfterEach } from '../testSupport/packServers';
import type { FramePackIndex } from './framePack';
import { FramePacks } from './framePacks';

const server = packServersClosedAfterEach();

/** Copies of the B-frame photo pan under other names: other cache keys, so each gets its own pack. */
async function copies(label: string, names: string[]): Promise<string[]> {
  const dir = await tempCacheDir(label);
  const source = await fixture('photoPan');
  return Promise.all(names.map(async (name) => {
    const file = path.join(dir, `${name}.mp4`);
    await fs.copyFile(source, file);
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
    expect(index.checked).toBe(true);
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

  it('never serves a frame whose bytes changed on disk after the check: its checksum fails and it is decoded instead', async () => {
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
  });

  it('wait behind a video someone opens: its build goes next, before the intake builds queued earlier', async () => {
    const [first, second, opened] = await copies('later-order', ['first', 'second', 'opened']);
    const cacheDir = await tempCacheDir('later-order-cache');
    const frames = server({ cacheDir });
    const keys = new Map<string, string>();
    for (const [name, file] of [['first', first!], ['second', second!], ['opened', opened!]] as const) keys.set((await frames.open(file)).cacheKey, name);

    // The first intake build starts at once; the second waits; the opened video asks while the first runs.
    const firstDone = frames.preparePackForLater(first!);
    const secondDone = frames.preparePackForLater(second!);
    const openedDone = frames.preparePack(opened!);
    await waitFor(async () => (await buildsInProgress(cacheDir)).length > 0);
    expect((await buildsInProgress(cacheDir)).map((key) => keys.get(key))).toEqual(['first']);
    expect(await firstDone).toMatchObject({ state: 'ready' });
    // The next build to start writes its temporary data file first: it must be the opened video's.
    let next: string[] = [];
    await waitFor(async () => (next = await buildsInProgress(cacheDir)).length > 0 || (await fs.readdir(packsDir(cacheDir))).length >= 4);
    const started = next.length > 0 ? next.map((key) => keys.get(key)) : [await firstBuiltAfter(cacheDir, keys)];
    expect(started).toEqual(['opened']);
    expect(await openedDone).toEqual({ state: 'ready', frames: 180 });
    expect(await secondDone).toEqual({ state: 'ready', frames: 180 });
  });

  it('use only free room: a pack made for later never removes another, and says the video gets its pack when opened', async () => {
    const [kept, later] = await copies('later-budget', ['kept', 'later']);
    const cacheDir = await tempCacheDir('later-budget-cache');
    const size = (await fs.stat(kept!)).size;
    expect((await server({ cacheDir }).preparePack(kept!)).state).toBe('ready');
    const before = (await fs.readdir(packsDir(cacheDir))).sort();
    // Room for one pack's estimate (12× the video) but not two.
    const frames = server({ cacheDir, framePackBudgetBytes: size * 12 * 1.5 });
    const status = await frames.preparePackForLater(later!);
    expect(status).toMatchObject({ state: 'refused' });
    expect(status.state === 'refused' && status.reason).toMatch(/fill the disk budget of .*; this video gets its pack when it is opened$/);
    expect((await fs.readdir(packsDir(cacheDir))).sort()).toEqual(before);
    // Opened, it may make room (the kept pack is not open in this server).
    expect(await frames.preparePack(later!)).toEqual({ state: 'ready', frames: 180 });
  });
});

/** Cache keys of the packs being written now (their temporary data files). */
async function buildsInProgress(cacheDir: string): Promise<string[]> {
  const names = await fs.readdir(packsDir(cacheDir)).catch(() => [] as string[]);
  return names.filter((n) => /\.frames\..*\.tmp$/.test(n)).map((n) => n.slice(0, n.indexOf('-fullq')));
}

/** When a build went from temp file to pack between two polls: the one pack made after the first. */
async function firstBuiltAfter(cacheDir: string, keys: Map<string, string>): Promise<string | undefined> {
  const names = (await fs.readdir(packsDir(cacheDir))).filter((n) => n.endsWith('.frames'));
  const made = names.map((n) => keys.get(n.slice(0, n.indexOf('-fullq')))).filter((name) => name !== 'first');
  return made.length === 1 ? made[0] : `several: ${made.join(', ')}`;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 2));
}
