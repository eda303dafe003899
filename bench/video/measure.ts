import { execFile, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { resolveBinaries, type FrameServer, type PlayDirection, type VideoProbe } from '../../native/video';
import { seekTimeFor } from '../../native/video/frames/seekTime';
import { readFrameIndex } from '../../native/video/testSupport/indexPattern';
import { SEGMENT_FRAMES, type BenchVideo } from './benchVideos';

const run = promisify(execFile);

/** The baseline: one `ffmpeg -ss T -i file -frames:v 1` per frame, same size and output as ours (JPEG, mjpeg q4). */
export async function baselineFrame(probe: VideoProbe, n: number, jpegQuality: number): Promise<number> {
  const started = performance.now();
  const seek = seekTimeFor(probe.frameTimes, n).toFixed(6);
  await run(resolveBinaries().ffmpeg, ['-v', 'error', '-ss', seek, '-i', probe.path, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', String(jpegQuality), 'pipe:1'], {
    maxBuffer: 64 << 20,
    encoding: 'buffer',
  });
  return performance.now() - started;
}

/** Served frames kept for checking after the timed part (reading the pattern costs a JPEG decode). */
export class FrameChecks {
  private readonly pending: { bytes: Uint8Array | null; n: number }[] = [];
  wrong = 0;
  checked = 0;

  constructor(private readonly video: BenchVideo) {}

  add(bytes: Uint8Array | null, n: number): void {
    this.pending.push({ bytes, n });
  }

  async flush(): Promise<void> {
    for (const { bytes, n } of this.pending.splice(0)) {
      this.checked++;
      if (bytes === null || (await readFrameIndex(bytes, this.video.patternWidth)) !== n % SEGMENT_FRAMES) this.wrong++;
    }
  }
}

export interface JumpFigures {
  jump: number[];
  forward: number[];
  backward: number[];
}

async function timed(frames: FrameServer, probe: VideoProbe, n: number, direction: PlayDirection, checks: FrameChecks, into: number[]): Promise<void> {
  const started = performance.now();
  const image = await frames.getFrame(probe, n, direction);
  into.push(performance.now() - started);
  checks.add(image.bytes, n);
}

/**
 * Per wanted frame N: a cold jump to N, then at once (not after prefetch)
 * a forward step to N+1, then a backward step to N−1. Then `forget` drops
 * what the server holds in memory (a prefetch could otherwise have decoded
 * the next N already) and background work is let finish, so the next jump
 * (and the baseline) start cold on a quiet machine.
 */
export async function jumpsWithSteps(
  frames: FrameServer,
  probe: VideoProbe,
  wanted: number[],
  checks: FrameChecks,
  forget: () => void,
  baseline?: { out: number[]; jpegQuality: number },
): Promise<JumpFigures> {
  const figures: JumpFigures = { jump: [], forward: [], backward: [] };
  for (const [i, n] of wanted.entries()) {
    if (baseline && i % 2 === 0) baseline.out.push(await baselineFrame(probe, n, baseline.jpegQuality));
    await timed(frames, probe, n, 'none', checks, figures.jump);
    await timed(frames, probe, n + 1, 'forward', checks, figures.forward);
    await timed(frames, probe, n - 1, 'backward', checks, figures.backward);
    forget();
    await frames.whenIdle();
    if (baseline && i % 2 === 1) baseline.out.push(await baselineFrame(probe, n, baseline.jpegQuality));
  }
  await checks.flush();
  return figures;
}

/** Request `count` consecutive frames as fast as they come (direction forward, so prefetch works ahead). */
export async function playback(frames: FrameServer, probe: VideoProbe, from: number, count: number, checks: FrameChecks): Promise<{ fps: number; worstMs: number }> {
  let worst = 0;
  const started = performance.now();
  for (let n = from; n < from + count; n++) {
    const t = performance.now();
    const image = await frames.getFrame(probe, n, 'forward');
    worst = Math.max(worst, performance.now() - t);
    checks.add(image.bytes, n);
  }
  const seconds = (performance.now() - started) / 1000;
  await checks.flush();
  return { fps: count / seconds, worstMs: worst };
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
