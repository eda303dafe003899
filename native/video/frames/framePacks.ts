import fs from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { isVideoError, VideoError } from '../errors';
import type { PackStatus, VideoProbe } from '../types';
import { buildFramePack } from './buildFramePack';
import { DecodeWindow, type DecodedFrame } from './decodeWindow';
import { FramePack, packFiles, type PackFiles } from './framePack';
import { sampleFrames, sampleMismatch } from './packSamples';
import { DEFAULT_PACK_BUDGET_BYTES, makeRoomForPack, touchPack } from './packBudget';

export interface FramePacksOptions {
  ffmpeg: () => string;
  dir: string;
  variant: string;
  outputWidth?: number;
  jpegQuality: number;
  niceness: number;
  /** Disk the packs folder may use; the least recently used packs go first (packBudget.ts). */
  budgetBytes?: number;
}

interface Entry {
  status: PackStatus;
  pack: FramePack | null;
  abort: AbortController;
  settled: Promise<PackStatus>;
}

/** Builds run one at a time (two at once would only halve each); a video someone opened goes before intake's. */
const OPENED = 1;
const INTAKE = 0;

/**
 * Frame packs of the videos a server has open, and of the videos intake
 * met: made in the background (one at a time, lowest CPU priority),
 * checked before first use (index fits the video, sample frames equal a
 * fresh decode of the original), refused for good when a check fails.
 * See README "Frame packs".
 */
export class FramePacks {
  private readonly entries = new Map<string, Entry>();
  private readonly builds = new PQueue({ concurrency: 1 });
  /** Intake's builds, by cache key; they stop when the server closes. */
  private readonly intake = new Map<string, Promise<PackStatus>>();
  private readonly intakeAbort = new AbortController();

  constructor(private readonly options: FramePacksOptions) {}

  /** Start (or join) making and checking the pack of this video; resolves with the outcome. */
  prepare(probe: VideoProbe): Promise<PackStatus> {
    const existing = this.entries.get(probe.cacheKey);
    if (existing) return existing.settled;
    const entry: Entry = { status: { state: 'building' }, pack: null, abort: new AbortController(), settled: Promise.resolve({ state: 'building' }) };
    entry.settled = this.adopt(probe, entry).then(
      (status) => (entry.status = status),
      (error: unknown) => {
        // Cancelled (release/close): forget it, a later prepare starts over.
        if (this.entries.get(probe.cacheKey) === entry) this.entries.delete(probe.cacheKey);
        return (entry.status = { state: 'refused', reason: isVideoError(error, 'cancelled') ? 'cancelled' : (error as Error).message });
      },
    );
    this.entries.set(probe.cacheKey, entry);
    return entry.settled;
  }

  /**
   * Intake: make and check this video's pack on disk after every opened
   * video's build, so it is ready when someone opens the video later. It
   * only uses free room in the budget (it never removes another pack: a
   * large intake would otherwise evict its own first packs) and keeps
   * nothing open. Resolves with the outcome; never rejects.
   */
  prepareForLater(probe: VideoProbe): Promise<PackStatus> {
    const key = probe.cacheKey;
    const known = this.entries.get(key)?.settled ?? this.intake.get(key);
    if (known) return known;
    const signal = this.intakeAbort.signal;
    const outcome = this.builds
      .add(() => this.makeForLater(probe, signal), { priority: INTAKE, signal })
      // Opened meanwhile: that build is the one (awaited here, outside the queue it waits in).
      .then((status) => status ?? this.entries.get(key)?.settled ?? this.status(probe))
      .catch((error: unknown): PackStatus => ({ state: 'refused', reason: signal.aborted || isVideoError(error, 'cancelled') ? 'cancelled' : (error as Error).message }))
      .finally(() => this.intake.delete(key));
    this.intake.set(key, outcome);
    return outcome;
  }

  /** The ready pack of this video, if any (synchronous: asked on every frame request). */
  ready(probe: VideoProbe): FramePack | null {
    return this.entries.get(probe.cacheKey)?.pack ?? null;
  }

  status(probe: VideoProbe): PackStatus {
    return this.entries.get(probe.cacheKey)?.status ?? { state: 'none' };
  }

  /** Outcomes still pending, for whenIdle. */
  pending(): Promise<unknown>[] {
    const opened = [...this.entries.values()].filter((e) => e.status.state === 'building' || e.status.state === 'checking').map((e) => e.settled);
    return [...opened, ...this.intake.values()];
  }

  release(cacheKey: string): void {
    const entry = this.entries.get(cacheKey);
    if (!entry) return;
    this.entries.delete(cacheKey);
    entry.abort.abort();
    void entry.pack?.close();
  }

  async close(): Promise<void> {
    const all = [...this.entries.keys()];
    const settled = [...[...this.entries.values()].map((e) => e.settled), ...this.intake.values()];
    this.intakeAbort.abort();
    for (const key of all) this.release(key);
    await Promise.allSettled(settled);
  }

  private async adopt(probe: VideoProbe, entry: Entry): Promise<PackStatus> {
    const files = packFiles(this.options.dir, probe.cacheKey, this.options.variant);
    await fs.mkdir(this.options.dir, { recursive: true });
    const opened = await this.openOrMake(probe, files, () => this.builds.add(() => this.make(probe, files, entry.abort.signal, { evict: true }), { priority: OPENED }));
    if (typeof opened === 'string') return { state: 'refused', reason: opened };
    await touchPack(files.data);
    if (!opened.checked) {
      entry.status = { state: 'checking' };
      const reason = await this.check(opened, probe, files, entry.abort.signal);
      if (reason) return { state: 'refused', reason };
    }
    if (entry.abort.signal.aborted) {
      await opened.close();
      throw new VideoError('cancelled', 'The frame pack was cancelled');
    }
    entry.pack = opened;
    return { state: 'ready', frames: opened.presentFrames().length };
  }

  /** Intake's build, run inside the queue: made, checked and closed again. */
  private async makeForLater(probe: VideoProbe, signal: AbortSignal): Promise<PackStatus | null> {
    if (this.entries.has(probe.cacheKey)) return null; // opened meanwhile
    const files = packFiles(this.options.dir, probe.cacheKey, this.options.variant);
    await fs.mkdir(this.options.dir, { recursive: true });
    const pack = await this.openOrMake(probe, files, () => this.make(probe, files, signal, { evict: false }));
    if (typeof pack === 'string') return { state: 'refused', reason: pack };
    try {
      const reason = pack.checked ? null : await this.check(pack, probe, files, signal);
      return reason ? { state: 'refused', reason } : { state: 'ready', frames: pack.presentFrames().length };
    } finally {
      await pack.close();
    }
  }

  /** The pack on disk that fits this video, or null (one that does not fit, from an older format or a broken write, is removed: made again, once). */
  private async openOrForget(probe: VideoProbe, files: PackFiles): Promise<FramePack | null> {
    const opened = await FramePack.open(files, probe, this.options.variant);
    if (typeof opened !== 'string') return opened;
    await removePack(files);
    return null;
  }

  /** The pack on disk that fits this video, made first when there is none; why not, as a string. */
  private async openOrMake(probe: VideoProbe, files: PackFiles, make: () => Promise<string | null>): Promise<FramePack | string> {
    const there = await this.openOrForget(probe, files);
    if (there) return there;
    const noRoom = await make();
    if (noRoom) return noRoom;
    return (await FramePack.open(files, probe, this.options.variant)) ?? 'the pack vanished after it was made';
  }

  /**
   * Make the pack unless one is on disk by now (an earlier build in the queue
   * may have made it). Runs inside the queue, so two builds never both count
   * the same free space.
   */
  private async make(probe: VideoProbe, files: PackFiles, signal: AbortSignal, { evict }: { evict: boolean }): Promise<string | null> {
    if (signal.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
    const there = await this.openOrForget(probe, files);
    if (there) {
      await there.close();
      return null;
    }
    const budget = this.options.budgetBytes ?? DEFAULT_PACK_BUDGET_BYTES;
    const noRoom = await makeRoomForPack(this.options.dir, (await fs.stat(probe.path)).size, budget, this.openPackNames(), { evict });
    if (noRoom) return noRoom;
    await buildFramePack({ ...this.options, ffmpeg: this.options.ffmpeg(), probe, files, signal });
    return null;
  }

  /** Compare samples with the original; on success the pack is marked checked, on failure closed and removed. */
  private async check(pack: FramePack, probe: VideoProbe, files: PackFiles, signal: AbortSignal): Promise<string | null> {
    const reason = await this.checkSamples(pack, probe, signal);
    if (reason) {
      await pack.close();
      await removePack(files);
      return reason;
    }
    // Not recorded (disk full, read-only): the pack is still right; it is checked again next time.
    await pack.markChecked().catch(() => undefined);
    return null;
  }

  /** The packs this server has open or in the making, by file name: the budget never removes them. */
  private openPackNames(): Set<string> {
    return new Set([...this.entries.keys()].map((key) => path.basename(packFiles(this.options.dir, key, this.options.variant).data, '.frames')));
  }

  /** Compare sample frames with a fresh ffmpeg-from-keyframe decode of the original; the first difference, or null. */
  private async checkSamples(pack: FramePack, probe: VideoProbe, signal: AbortSignal): Promise<string | null> {
    let compared = 0;
    for (const n of sampleFrames(pack.presentFrames(), probe.cacheKey)) {
      if (signal.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
      const decoded = await this.decodeOne(probe, n);
      const mismatch = await sampleMismatch(n, await pack.read(n), decoded);
      if (mismatch) return `the frame pack does not match the video: ${mismatch}`;
      if (decoded) compared++;
    }
    return compared > 0 ? null : 'none of the sample frames decodes from the original, so the pack cannot be checked';
  }

  private async decodeOne(probe: VideoProbe, n: number): Promise<DecodedFrame | null> {
    let frame: DecodedFrame | null = null;
    const window = new DecodeWindow({
      ffmpeg: this.options.ffmpeg(),
      probe,
      start: n,
      end: n,
      outputWidth: this.options.outputWidth,
      jpegQuality: this.options.jpegQuality,
      niceness: this.options.niceness,
      onFrame: (m, decoded) => {
        if (m === n) frame = decoded;
      },
    });
    await window.done;
    return frame;
  }
}

async function removePack(files: { data: string; index: string }): Promise<void> {
  await Promise.all([fs.rm(files.index, { force: true }), fs.rm(files.data, { force: true })]);
}
