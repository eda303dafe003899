import fs from 'node:fs/promises';
import path from 'node:path';
import { isVideoError, VideoError } from '../errors';
import type { PackStatus, VideoProbe } from '../types';
import { buildFramePack } from './buildFramePack';
import { DecodeWindow, type DecodedFrame } from './decodeWindow';
import { FramePack, packFiles } from './framePack';
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

/**
 * Frame packs of the videos a server has open: made in the background (one
 * at a time, lowest priority), checked before use (index fits the video,
 * sample frames equal a fresh decode of the original), refused for good
 * when a check fails. See README "Frame packs".
 */
export class FramePacks {
  private readonly entries = new Map<string, Entry>();
  /** Builds run one after another: two at once would only halve each. */
  private queue: Promise<unknown> = Promise.resolve();

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

  /** The ready pack of this video, if any (synchronous: asked on every frame request). */
  ready(probe: VideoProbe): FramePack | null {
    return this.entries.get(probe.cacheKey)?.pack ?? null;
  }

  status(probe: VideoProbe): PackStatus {
    return this.entries.get(probe.cacheKey)?.status ?? { state: 'none' };
  }

  /** Outcomes still pending, for whenIdle. */
  pending(): Promise<unknown>[] {
    return [...this.entries.values()].filter((e) => e.status.state === 'building' || e.status.state === 'checking').map((e) => e.settled);
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
    const settled = [...this.entries.values()].map((e) => e.settled);
    for (const key of all) this.release(key);
    await Promise.allSettled(settled);
  }

  private async adopt(probe: VideoProbe, entry: Entry): Promise<PackStatus> {
    const files = packFiles(this.options.dir, probe.cacheKey, this.options.variant);
    await fs.mkdir(this.options.dir, { recursive: true });
    let opened = await FramePack.open(files, probe, this.options.variant);
    if (typeof opened === 'string') {
      // A pack from an older format or a broken write: made again, once.
      await removePack(files);
      opened = null;
    }
    if (opened) await touchPack(files.data);
    if (!opened) {
      // Room is made inside the queue, so two builds never both count the same free space.
      const build = this.queue.then(async () => {
        if (entry.abort.signal.aborted) throw new VideoError('cancelled', 'The frame pack was cancelled');
        const noRoom = await makeRoomForPack(this.options.dir, (await fs.stat(probe.path)).size, this.options.budgetBytes ?? DEFAULT_PACK_BUDGET_BYTES, this.openPackNames());
        if (noRoom) return noRoom;
        await buildFramePack({ ...this.options, ffmpeg: this.options.ffmpeg(), probe, files, signal: entry.abort.signal });
        return null;
      });
      this.queue = build.catch(() => undefined);
      const noRoom = await build;
      if (noRoom) return { state: 'refused', reason: noRoom };
      opened = await FramePack.open(files, probe, this.options.variant);
      if (opened === null || typeof opened === 'string') return { state: 'refused', reason: opened ?? 'the pack vanished after it was made' };
    }
    entry.status = { state: 'checking' };
    const reason = await this.checkSamples(opened, probe, entry.abort.signal);
    if (reason) {
      await opened.close();
      await removePack(files);
      return { state: 'refused', reason };
    }
    if (entry.abort.signal.aborted) {
      await opened.close();
      throw new VideoError('cancelled', 'The frame pack was cancelled');
    }
    entry.pack = opened;
    return { state: 'ready', frames: opened.presentFrames().length };
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
