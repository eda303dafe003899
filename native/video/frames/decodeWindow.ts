import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { spawnTool } from '../process/runTool';
import type { VideoProbe } from '../types';
import { JpegSplitter, jpegSize } from './jpegSplitter';
import { frameAtTime, seekTimeFor } from './seekTime';
import { isDecodeErrorLine, ShowinfoReader } from './showinfoLines';

export interface DecodedFrame {
  bytes: Buffer;
  width: number;
  height: number;
}

/** What a waiter gets: the frame, or why it did not come out. */
export type WindowOutcome = { ok: true; frame: DecodedFrame } | { ok: false; error: string };

export interface WindowSpec {
  ffmpeg: string;
  probe: VideoProbe;
  /** First and last frame (inclusive) this process should emit. */
  start: number;
  end: number;
  outputWidth?: number;
  jpegQuality: number;
  /** Every frame that comes out, for the caches. */
  onFrame: (n: number, frame: DecodedFrame) => void;
  /** CPU niceness for background work (a frame pack) that must not slow the frames someone waits for; 19 = idle CPU only. */
  niceness?: number;
}

/**
 * One ffmpeg process decoding frames start…end: `-ss` (before `-i`, at the
 * midpoint before `start`) seeks to the keyframe and decodes forward; the
 * frames stream out as JPEG and each is matched to its index through its
 * showinfo timestamp. Requests for any frame of the range wait here
 * instead of starting their own process.
 */
export class DecodeWindow {
  readonly start: number;
  readonly end: number;
  private readonly child: ChildProcess;
  private readonly waiters = new Map<number, ((outcome: WindowOutcome) => void)[]>();
  private readonly images: Buffer[] = [];
  private readonly times: number[] = [];
  private lastEmitted = -1;
  private finished = false;
  private killed = false;
  private decodeErrors: string[] = [];
  /** ffmpeg's exit code once done (null while running or when killed). */
  exitCode: number | null = null;
  readonly done: Promise<void>;

  constructor(private readonly spec: WindowSpec) {
    this.start = spec.start;
    this.end = spec.end;
    this.child = spawnTool(spec.ffmpeg, windowArgs(spec));
    if (spec.niceness && this.child.pid !== undefined) {
      try {
        os.setPriority(this.child.pid, spec.niceness);
      } catch {
        // not permitted here: it still works, only at normal priority
      }
    }
    const splitter = new JpegSplitter();
    const showinfo = new ShowinfoReader();
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.images.push(...splitter.push(chunk));
      this.pair();
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      this.times.push(...showinfo.push(text));
      for (const line of text.split('\n')) if (isDecodeErrorLine(line)) this.decodeErrors.push(line.trim());
      this.decodeErrors = this.decodeErrors.slice(-3);
      this.pair();
    });
    this.done = new Promise((resolve) => {
      this.child.on('error', (error) => this.decodeErrors.push(`could not start ffmpeg: ${error.message}`));
      this.child.on('close', (code) => {
        this.finished = true;
        this.exitCode = code;
        this.failRemaining(code);
        resolve();
      });
    });
  }

  /** True while frame n may still come out of this process. */
  covers(n: number): boolean {
    return !this.finished && !this.killed && n >= this.start && n <= this.end && n > this.lastEmitted;
  }

  get wasKilled(): boolean {
    return this.killed;
  }

  /** The decoder's last complaint, for messages. */
  get lastDecodeError(): string | undefined {
    return this.decodeErrors.at(-1);
  }

  hasWaiters(): boolean {
    return this.waiters.size > 0;
  }

  waitFor(n: number): Promise<WindowOutcome> {
    return new Promise((resolve) => {
      const list = this.waiters.get(n) ?? [];
      list.push(resolve);
      this.waiters.set(n, list);
    });
  }

  /** Stop decoding; waiters are told the window was stopped (the server only stops idle windows or on close). */
  kill(reason = 'decoding was stopped'): void {
    if (this.finished || this.killed) return;
    this.killed = true;
    this.child.kill('SIGKILL');
    this.settleWaiters(() => true, { ok: false, error: reason });
  }

  private pair(): void {
    while (this.images.length > 0 && this.times.length > 0) {
      const bytes = this.images.shift()!;
      const seconds = this.times.shift()! - this.spec.probe.startTime;
      const n = frameAtTime(this.spec.probe.frameTimes, seconds);
      if (n < 0 || n <= this.lastEmitted) continue;
      const frame = { bytes, ...jpegSize(bytes) };
      this.spec.onFrame(n, frame);
      // Frames skipped between the last one and this one did not decode.
      this.settleWaiters((waiting) => waiting < n, { ok: false, error: this.unreadableReason() });
      this.settleWaiters((waiting) => waiting === n, { ok: true, frame });
      this.lastEmitted = n;
    }
  }

  private failRemaining(code: number | null): void {
    if (this.waiters.size === 0) return;
    const why = this.killed ? 'decoding was stopped' : code === 0 ? this.unreadableReason() : `ffmpeg failed (exit ${code}): ${this.decodeErrors.at(-1) ?? 'no message'}`;
    this.settleWaiters(() => true, { ok: false, error: why });
  }

  private unreadableReason(): string {
    const detail = this.decodeErrors.at(-1);
    return `the frame could not be decoded (damaged or missing data${detail ? `: ${detail.replace(/^\[[^\]]*\]\s*/, '')}` : ''})`;
  }

  private settleWaiters(match: (n: number) => boolean, outcome: WindowOutcome): void {
    for (const [n, list] of [...this.waiters]) {
      if (!match(n)) continue;
      this.waiters.delete(n);
      for (const resolve of list) resolve(outcome);
    }
  }
}

function windowArgs(spec: WindowSpec): string[] {
  const seek = seekTimeFor(spec.probe.frameTimes, spec.start);
  const filters = [...(spec.outputWidth ? [`scale=${spec.outputWidth}:-2`] : []), 'showinfo'].join(',');
  return [
    '-hide_banner', '-nostats', '-nostdin', '-v', 'info',
    '-ss', seek.toFixed(6), '-copyts', '-i', spec.probe.path,
    '-an', '-sn', '-dn',
    '-frames:v', String(spec.end - spec.start + 1),
    // VFR: the image2pipe default (cfr) would duplicate frames and break the frame ↔ image pairing.
    '-vsync', 'passthrough',
    '-vf', filters,
    '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', String(spec.jpegQuality),
    'pipe:1',
  ];
}
