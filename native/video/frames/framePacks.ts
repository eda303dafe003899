import fs from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { isVideoError, VideoError } from '../errors';
import type { PackStatus, VideoProbe } from '../types';
import { buildFramePack } from './buildFramePack';
import { FramePack, PACK_FORMAT, packFiles, type PackFiles } from './framePack';
import { checkSamples, videoIdentity } from './packCheck';
import { agePack, DEFAULT_PACK_BUDGET_BYTES, makeRoomForPack, removeOtherFormats, touchPack } from './packBudget';

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

/** An intake build; `preempted` when an opened video's build stopped it (it is queued again). */
interface LaterTask {
  key: string;
  abort: AbortController;
  preempted: boolean;
}

/** Builds run one at a time (two at once would only halve each); a video someone opened goes before intake's. */
const OPENED = 1;
/** An intake build an opened video's build stopped: next after it, before intake builds queued later. */
const INTAKE_RESUMED = 0.5;
const INTAKE = 0;

const cancelled = () => new VideoError('cancelled', 'The frame pack was cancelled');

/**
 * Frame packs of the videos a server has open, and of the videos intake
 * met: made in the background (one at a time, lowest CPU priority),
 * checked before first use (index fits the video, sample frames equal a
 * fresh decode of the original file), refused for good when a check
 * fails. See README "Frame packs".
 */
export class FramePacks {
  private readonly entries = new Map<string, Entry>();
  private readonly builds = new PQueue({ concurrency: 1 });
  /** Intake's builds by cache key, queued or running. */
  private readonly later = new Map<string, Promise<PackStatus>>();
  /** The intake build running now: a build for an opened video stops it and goes first. */
  private runningLater: LaterTask | null = null;
  /** Every opened video's adopt until it settles, released or not: close waits for them all. */
  private readonly adopting = new Set<Promise<PackStatus>>();
  /** Videos whose damaged pack was made again (replaceDamaged): once per server. */
  private readonly remade = new Set<string>();
  /** Damaged packs being removed, by cache key: a prepare meanwhile waits for `removal`; `released` when the video was released meanwhile. */
  private readonly replacing = new Map<string, { removal: Promise<void>; released: boolean }>();
  private closed = false;
  private swept: Promise<void> | null = null;

  constructor(private readonly options: FramePacksOptions) {}

  /** Start (or join) making and checking the pack of this video; resolves with the outcome. */
  prepare(probe: VideoProbe): Promise<PackStatus> {
    if (this.closed) return Promise.resolve({ state: 'refused', reason: 'cancelled' });
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
    const settled = entry.settled;
    this.adopting.add(settled);
    void settled.finally(() => this.adopting.delete(settled));
    return settled;
  }

  /**
   * Intake: make and check this video's pack on disk after every opened
   * video's build, so it is ready when someone opens the video later. It
   * only uses free room in the budget (it never removes another pack: a
   * large intake would otherwise evict its own first packs), counts as the
   * least recently used pack until opened, and keeps nothing open.
   * Resolves with the outcome; never rejects.
   */
  prepareForLater(probe: VideoProbe, signal?: AbortSignal): Promise<PackStatus> {
    if (this.closed || signal?.aborted) return Promise.resolve({ state: 'refused', reason: 'cancelled' });
    const key = probe.cacheKey;
    const known = this.entries.get(key)?.settled ?? this.later.get(key);
    if (known) return known;
    const forget = () => {
      if (this.later.get(key) === outcome) this.later.delete(key);
    };
    // Cancelled: forgotten at once, so intake run again queues the video anew instead of joining this outcome.
    signal?.addEventListener('abort', forget, { once: true });
    const outcome: Promise<PackStatus> = this.buildForLater(probe, signal).finally(() => {
      forget();
      signal?.removeEventListener('abort', forget);
    });
    this.later.set(key, outcome);
    return outcome;
  }

  /** The ready pack of this video, if any (synchronous: asked on every frame request). */
  ready(probe: VideoProbe): FramePack | null {
    return this.entries.get(probe.cacheKey)?.pack ?? null;
  }

  status(probe: VideoProbe): PackStatus {
    return this.entries.get(probe.cacheKey)?.status ?? { state: 'none' };
  }

  /**
   * The ready pack of this video read a frame whose bytes on disk are not
   * what its build wrote (FramePack.damaged): it is closed, removed and made
   * again in the background, once per server; a pack damaged again is only
   * removed, and the video is decoded as before it had one.
   */
  replaceDamaged(probe: VideoProbe): void {
    const key = probe.cacheKey;
    if (!this.entries.get(key)?.pack?.damaged) return;
    this.release(key);
    const remake = !this.remade.has(key);
    this.remade.add(key);
    // A prepare meanwhile (adopt, intake) waits for the removal, so it never reopens the damaged pack.
    const replacing = { removal: removePack(packFiles(this.options.dir, key, this.options.variant)).catch(() => undefined), released: false };
    this.replacing.set(key, replacing);
    const replaced = replacing.removal
      .then((): Promise<PackStatus> | PackStatus => {
        if (this.replacing.get(key) === replacing) this.replacing.delete(key);
        // Not for a video released meanwhile, nor when a prepare meanwhile is already making it.
        if (!remake || this.closed || replacing.released || this.entries.has(key)) return { state: 'none' };
        return this.prepare(probe);
      })
      .catch((error: unknown): PackStatus => ({ state: 'refused', reason: (error as Error).message }));
    this.adopting.add(replaced);
    void replaced.finally(() => this.adopting.delete(replaced));
  }

  /** Outcomes still pending (opened videos' and intake's), for whenIdle. */
  pending(): Promise<unknown>[] {
    return [...this.adopting, ...this.later.values()];
  }

  release(cacheKey: string): void {
    const replacing = this.replacing.get(cacheKey);
    if (replacing) replacing.released = true;
    const entry = this.entries.get(cacheKey);
    if (!entry) return;
    this.entries.delete(cacheKey);
    entry.abort.abort();
    void entry.pack?.close();
  }

  /** Stops every build and check; resolves once none runs and nothing half-made is left. */
  async close(): Promise<void> {
    this.closed = true;
    this.runningLater?.abort.abort();
    const settled = [...this.adopting, ...this.later.values()];
    for (const key of [...this.entries.keys()]) this.release(key);
    await Promise.allSettled(settled);
    // Queued builds still start, see the server closed and stop at once.
    await this.builds.onIdle();
  }

  private async adopt(probe: VideoProbe, entry: Entry): Promise<PackStatus> {
    const key = probe.cacheKey;
    await this.replacing.get(key)?.removal;
    // Intake is making this very pack now: use it rather than check it twice.
    if (this.runningLater?.key === key) await this.later.get(key);
    if (entry.abort.signal.aborted) throw cancelled();
    // Before the build: a file put in the video's place meanwhile is never the one the pack is marked checked against.
    const identity = await videoIdentity(probe.path);
    const files = packFiles(this.options.dir, key, this.options.variant);
    await fs.mkdir(this.options.dir, { recursive: true });
    const opened = await this.openOrMake(probe, files, () => {
      this.preemptLater(key);
      return this.builds.add(() => this.make(probe, files, entry.abort.signal, { evict: true }), { priority: OPENED });
    });
    if (typeof opened === 'string') return { state: 'refused', reason: opened };
    try {
      await touchPack(files.data);
      if (!opened.wasCheckedAgainst(identity)) {
        entry.status = { state: 'checking' };
        const reason = await this.check(opened, probe, files, identity, entry.abort.signal);
        if (reason) return { state: 'refused', reason };
      }
      if (entry.abort.signal.aborted) throw cancelled();
    } catch (error) {
      await opened.close();
      throw error;
    }
    entry.pack = opened;
    return { state: 'ready', frames: opened.presentFrames().length };
  }

  /** An opened video's build is about to queue: the intake build running now (another video's) stops and queues again behind it. */
  private preemptLater(key: string): void {
    const task = this.runningLater;
    // Its own video, or one someone opened and waits on (adopt joined the intake build): it goes on.
    if (!task || task.key === key || this.entries.has(task.key)) return;
    task.preempted = true;
    task.abort.abort();
  }

  /** `signal`: the caller's (intake cancelled): the build stops, or never starts. */
  private async buildForLater(probe: VideoProbe, signal?: AbortSignal): Promise<PackStatus> {
    for (let priority = INTAKE; ; priority = INTAKE_RESUMED) {
      const task: LaterTask = { key: probe.cacheKey, abort: new AbortController(), preempted: false };
      const stop = () => task.abort.abort();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        // null: opened meanwhile, and that build is the one.
        return (await this.builds.add(() => this.runLater(probe, task), { priority })) ?? this.status(probe);
      } catch (error) {
        if (task.preempted && !this.closed && !signal?.aborted) continue;
        return { state: 'refused', reason: isVideoError(error, 'cancelled') ? 'cancelled' : (error as Error).message };
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    }
  }

  private async runLater(probe: VideoProbe, task: LaterTask): Promise<PackStatus | null> {
    if (this.closed || task.abort.signal.aborted) throw cancelled();
    this.runningLater = task;
    try {
      return await this.makeForLater(probe, task.abort.signal);
    } finally {
      this.runningLater = null;
    }
  }

  /** Intake's build, run inside the queue: made, checked and closed again. */
  private async makeForLater(probe: VideoProbe, signal: AbortSignal): Promise<PackStatus | null> {
    if (this.entries.has(probe.cacheKey)) return null;
    await this.replacing.get(probe.cacheKey)?.removal;
    const identity = await videoIdentity(probe.path);
    const files = packFiles(this.options.dir, probe.cacheKey, this.options.variant);
    await fs.mkdir(this.options.dir, { recursive: true });
    const pack = await this.openOrMake(probe, files, () => this.make(probe, files, signal, { evict: false }));
    if (typeof pack === 'string') return { state: 'refused', reason: pack };
    try {
      const reason = pack.wasCheckedAgainst(identity) ? null : await this.check(pack, probe, files, identity, signal);
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
   * the same free space. Packs of an older format are removed first (once per
   * server): they can never be used again, and they would fill the budget.
   */
  private async make(probe: VideoProbe, files: PackFiles, signal: AbortSignal, { evict }: { evict: boolean }): Promise<string | null> {
    if (signal.aborted || this.closed) throw cancelled();
    await (this.swept ??= removeOtherFormats(this.options.dir, PACK_FORMAT).catch(() => undefined));
    const there = await this.openOrForget(probe, files);
    if (there) {
      await there.close();
      return null;
    }
    const budget = this.options.budgetBytes ?? DEFAULT_PACK_BUDGET_BYTES;
    const noRoom = await makeRoomForPack(this.options.dir, (await fs.stat(probe.path)).size, budget, this.openPackNames(), { evict });
    if (noRoom) return noRoom;
    await buildFramePack({ ...this.options, ffmpeg: this.options.ffmpeg(), probe, files, signal });
    // Made for later, not used yet: the budget removes it before any pack someone opened.
    if (!evict) await agePack(files.data);
    return null;
  }

  /** Compare samples with the original file; on success the pack is marked checked against it, on failure closed and removed. */
  private async check(pack: FramePack, probe: VideoProbe, files: PackFiles, identity: string, signal: AbortSignal): Promise<string | null> {
    const decoder = { ffmpeg: this.options.ffmpeg(), outputWidth: this.options.outputWidth, jpegQuality: this.options.jpegQuality, niceness: this.options.niceness };
    const reason = await checkSamples(pack, probe, decoder, signal).catch(async (error: unknown) => {
      await pack.close(); // cancelled mid-check: the pack stays for next time, unchecked
      throw error;
    });
    if (reason) {
      await pack.close();
      await removePack(files);
      return reason;
    }
    // Not recorded when the file changed during the check, or when the index cannot be written (disk full, read-only):
    // the pack is checked again next time.
    if ((await videoIdentity(probe.path).catch(() => null)) === identity) await pack.markChecked(identity).catch(() => undefined);
    return null;
  }

  /** The packs this server has open or in the making, by file name: the budget never removes them. */
  private openPackNames(): Set<string> {
    return new Set([...this.entries.keys()].map((key) => path.basename(packFiles(this.options.dir, key, this.options.variant).data, '.frames')));
  }
}

async function removePack(files: { data: string; index: string }): Promise<void> {
  await Promise.all([fs.rm(files.index, { force: true }), fs.rm(files.data, { force: true })]);
}
