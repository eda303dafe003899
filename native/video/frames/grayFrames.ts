import { VideoError } from '../errors';
import { resolveBinaries } from '../process/binaries';
import { spawnTool } from '../process/runTool';
import type { VideoProbe } from '../types';
import { frameAtTime, seekTimeFor } from './seekTime';
import { ShowinfoReader } from './showinfoLines';

/** One decoded frame as 8-bit grayscale, row-major, `width × height` bytes. */
export interface GrayFrame {
  frame: number;
  width: number;
  height: number;
  pixels: Uint8Array;
}

export interface GrayFramesOptions {
  /** First and last frame (inclusive). */
  start: number;
  end: number;
  /** Scale to this width (height keeps the aspect ratio, rounded to even). Default: the displayed width. */
  outputWidth?: number;
  /** Stops decoding (the iteration then throws VideoError 'cancelled'). */
  signal?: AbortSignal;
  /** ffmpeg binary; default the bundled one (or GROUNDWORK_FFMPEG). */
  ffmpeg?: string;
}

/**
 * Decoded bytes queued ahead of the consumer before ffmpeg's output is
 * paused: 8 frames at 720p (a gray frame is 0.9 MB), hundreds of the 160-px
 * frames shot detection reads (14 KB each), which a bound of 8 frames paused
 * and resumed every few frames, leaving ffmpeg idle in between.
 */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Frames start…end of a video as raw grayscale, in order, from ONE ffmpeg
 * process (`-ss` before `-i` at the midpoint before `start`, like the frame
 * server: exact; then `-pix_fmt gray -f rawvideo`). This is what a visual
 * tracker needs: every frame of a run, in sequence, without JPEG round
 * trips. Separate from the frame server and its caches on purpose: these
 * frames are used once. Each frame is matched to its index through its
 * showinfo timestamp, so a frame the decoder drops is skipped, not mislabelled.
 */
export async function* readGrayFrames(probe: VideoProbe, options: GrayFramesOptions): AsyncGenerator<GrayFrame> {
  const { start, end, signal } = options;
  const last = probe.info.frameCount - 1;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end)) throw new Error(`bad frame range ${start}…${end}`);
  if (end > last) throw new VideoError('frame-out-of-range', `Frame ${end} is outside ${probe.path} (frames 0–${last})`);
  if (signal?.aborted) throw new VideoError('cancelled', 'Cancelled before it started');
  const width = options.outputWidth ?? probe.width;
  const height = Math.max(2, Math.round((probe.height * width) / probe.width / 2) * 2);
  const frameBytes = width * height;
  const readAhead = Math.max(8, Math.floor(READ_AHEAD_BYTES / frameBytes));

  const child = spawnTool(options.ffmpeg ?? resolveBinaries().ffmpeg, [
    '-hide_banner', '-nostats', '-nostdin', '-v', 'info',
    '-ss', seekTimeFor(probe.frameTimes, start).toFixed(6), '-copyts', '-i', probe.path,
    '-an', '-sn', '-dn',
    '-frames:v', String(end - start + 1),
    '-vsync', 'passthrough',
    '-vf', `scale=${width}:${height},format=gray,showinfo`,
    '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ]);

  const images: Buffer[] = [];
  const times: number[] = [];
  const showinfo = new ShowinfoReader();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let closed = false;
  let exitCode: number | null = null;
  let lastError = '';
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  child.stdout!.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < frameBytes) return;
    let all = Buffer.concat(pending);
    while (all.length >= frameBytes) {
      images.push(all.subarray(0, frameBytes));
      all = all.subarray(frameBytes);
    }
    pending = all.length ? [all] : [];
    pendingBytes = all.length;
    if (images.length >= readAhead) child.stdout!.pause();
    notify();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    times.push(...showinfo.push(text));
    for (const line of text.split('\n')) if (/error/i.test(line)) lastError = line.trim();
    notify();
  });
  child.on('error', (error) => {
    lastError = `could not start ffmpeg: ${error.message}`;
  });
  child.on('close', (code) => {
    closed = true;
    exitCode = code;
    notify();
  });
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    let previous = start - 1;
    for (;;) {
      if (signal?.aborted) throw new VideoError('cancelled', 'Cancelled');
      if (images.length > 0 && times.length > 0) {
        const pixels = images.shift()!;
        const n = frameAtTime(probe.frameTimes, times.shift()! - probe.startTime);
        if (images.length < readAhead / 2) child.stdout!.resume();
        if (n < 0 || n <= previous || n > end) continue;
        previous = n;
        yield { frame: n, width, height, pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
        if (n === end) return;
        continue;
      }
      if (closed) {
        if (exitCode !== 0 && previous < start) throw new VideoError('ffmpeg-failed', `Decoding ${probe.path} failed (exit ${exitCode}): ${lastError || 'no message'}`);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!closed) child.kill('SIGKILL');
  }
}
