import { execFile, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createFrameServer, resolveBinaries, type FrameServer, type VideoProbe } from '../../native/video';
import { seekTimeFor } from '../../native/video/frames/seekTime';
import { readFrameIndex } from '../../native/video/testSupport/indexPattern';
import { PATTERN_WIDTH, SEGMENT_FRAMES } from './benchVideos';

const run = promisify(execFile);

/** The baseline: one `ffmpeg -ss … -frames:v 1` process per frame (rgb24, full size). */
export async function baselineFrame(probe: VideoProbe, n: number): Promise<number> {
  const started = performance.now();
  const seek = seekTimeFor(probe.frameTimes, n).toFixed(6);
  await run(resolveBinaries().ffmpeg, ['-v', 'error', '-ss', seek, '-i', probe.path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    maxBuffer: 64 << 20,
    encoding: 'buffer',
  });
  return performance.now() - started;
}

export async function shownIndexIsRight(bytes: Uint8Array | null, n: number): Promise<boolean> {
  return bytes !== null && (await readFrameIndex(bytes, PATTERN_WIDTH)) === n % SEGMENT_FRAMES;
}

export interface RandomAccessFigures {
  ours: number[];
  baseline: number[];
  nextStep: number[];
  wrong: number;
}

/** Alternating order per frame so machine noise hits both sides alike; our background decodes finish before the baseline runs. */
export async function randomAccess(probe: VideoProbe, wanted: number[], cacheDir: string): Promise<RandomAccessFigures> {
  const frames = createFrameServer({ cacheDir, diskCache: true });
  const figures: RandomAccessFigures = { ours: [], baseline: [], nextStep: [], wrong: 0 };
  await frames.getFrame(probe, 0); // process warm-up, not measured
  await frames.whenIdle();
  for (const [i, n] of wanted.entries()) {
    if (i % 2 === 0) figures.baseline.push(await baselineFrame(probe, n));
    const started = performance.now();
    const image = await frames.getFrame(probe, n);
    figures.ours.push(performance.now() - started);
    if (!(await shownIndexIsRight(image.bytes, n))) figures.wrong++;
    await frames.whenIdle();
    const next = Math.min(n + 1, probe.info.frameCount - 1);
    const stepStarted = performance.now();
    const nextImage = await frames.getFrame(probe, next);
    figures.nextStep.push(performance.now() - stepStarted);
    if (!(await shownIndexIsRight(nextImage.bytes, next))) figures.wrong++;
    if (i % 2 === 1) figures.baseline.push(await baselineFrame(probe, n));
  }
  await frames.close();
  return figures;
}

/** Request 300 consecutive frames as fast as they come (direction forward, so prefetch works ahead). */
export async function playback(probe: VideoProbe, from: number, count: number, cacheDir: string): Promise<{ fps: number; worstMs: number; wrong: number }> {
  const frames: FrameServer = createFrameServer({ cacheDir, diskCache: true });
  let worst = 0;
  let wrong = 0;
  const started = performance.now();
  for (let n = from; n < from + count; n++) {
    const t = performance.now();
    const image = await frames.getFrame(probe, n, 'forward');
    worst = Math.max(worst, performance.now() - t);
    if (n % 10 === 0 && !(await shownIndexIsRight(image.bytes, n))) wrong++;
  }
  const seconds = (performance.now() - started) / 1000;
  await frames.close();
  return { fps: count / seconds, worstMs: worst, wrong };
}

/** ffmpeg's scene filter alone, the way one would run it without our engine. */
export async function plainSceneFilter(file: string): Promise<number> {
  const started = performance.now();
  await run(resolveBinaries().ffmpeg, ['-v', 'error', '-i', file, '-an', '-vf', "select='gt(scene,0.3)',showinfo", '-f', 'null', '-'], { maxBuffer: 64 << 20 });
  return (performance.now() - started) / 1000;
}

export interface ScrubMemory {
  startRss: number;
  peakRss: number;
  maxRssKb: number;
  cacheBytes: number;
  frames: number;
  seconds: number;
}

export function scrubInChild(file: string, capBytes: number, cacheDir: string, step: number, play: number): Promise<ScrubMemory> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./scrubRss.ts', import.meta.url).pathname, file, String(capBytes), cacheDir, String(step), String(play)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`scrub child failed (${code}): ${out}`));
      resolve(JSON.parse(line) as ScrubMemory);
    });
  });
}

