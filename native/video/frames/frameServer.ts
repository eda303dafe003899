import path from 'node:path';
import { VideoError } from '../errors';
import { resolveBinaries } from '../process/binaries';
import { probeVideo } from '../probe/probeVideo';
import type { FrameImage, FrameServer, FrameServerOptions, FrameServerStats, PackStatus, PlayDirection, VideoProbe } from '../types';
import { DecodeWindow, type DecodedFrame, type WindowOutcome } from './decodeWindow';
import { DiskFrameCache } from './diskFrameCache';
import { ByteLru } from './frameLru';
import { FramePacks } from './framePacks';
import { planPrefetch, type PrefetchView } from './prefetchPlan';

const DEFAULT_CAP = 512 * 1024 * 1024;
/** More concurrent decodes than this per video only fight over the CPU. */
const MAX_WINDOWS_PER_VIDEO = 3;

interface VideoState {
  probe: VideoProbe;
  windows: Set<DecodeWindow>;
  /** Frames a decode skipped, with the reason; not retried until release(). */
  unreadable: Map<number, string>;
  prefetching: boolean;
}

/** Serves exact frames as JPEG from memory, disk, or a decode window; see README "How it works". */
export function createFrameServer(options: FrameServerOptions): FrameServer {
  const playWindow = options.playWindowFrames ?? 90;
  const jumpWindow = options.jumpWindowFrames ?? 8;
  const keepBehind = options.keepBehindFrames ?? 0;
  const quality = options.jpegQuality ?? 4;
  const memory = new ByteLru<DecodedFrame>(options.memoryCapBytes ?? DEFAULT_CAP);
  const variant = `${options.outputWidth ?? 'full'}q${quality}`;
  const disk = options.diskCache === false ? null : new DiskFrameCache(path.join(options.cacheDir, 'frames'), variant);
  const packs = options.framePacks
    ? new FramePacks({ ffmpeg: () => resolveBinaries().ffmpeg, dir: path.join(options.cacheDir, 'packs'), variant, outputWidth: options.outputWidth, jpegQuality: quality, niceness: options.framePackNiceness ?? 19, budgetBytes: options.framePackBudgetBytes })
    : null;
  const videos = new Map<string, Promise<VideoState>>();
  const counters = { decodeProcesses: 0, framesDecoded: 0, memoryHits: 0, diskHits: 0, packHits: 0 };
  let closed = false;

  const memoryKey = (state: VideoState, n: number) => `${state.probe.cacheKey}:${n}`;

  function stateFor(video: string | VideoProbe): Promise<VideoState> {
    const file = path.resolve(typeof video === 'string' ? video : video.path);
    let state = videos.get(file);
    if (!state) {
      const probing = typeof video === 'string' ? probeVideo(file, { cacheDir: options.cacheDir }) : Promise.resolve(video);
      state = probing.then((probe) => ({ probe, windows: new Set(), unreadable: new Map(), prefetching: false }));
      state.catch(() => videos.delete(file)); // a failed probe is retried next time
      videos.set(file, state);
    }
    return state;
  }

  function startWindow(state: VideoState, start: number, end: number): DecodeWindow {
    counters.decodeProcesses++;
    const window = new DecodeWindow({
      ffmpeg: resolveBinaries().ffmpeg,
      probe: state.probe,
      start,
      end: Math.min(end, state.probe.info.frameCount - 1),
      outputWidth: options.outputWidth,
      jpegQuality: quality,
      onFrame: (n, frame) => {
        counters.framesDecoded++;
        memory.set(memoryKey(state, n), frame);
        disk?.write(state.probe.cacheKey, n, frame);
      },
    });
    state.windows.add(window);
    void window.done.then(() => state.windows.delete(window));
    return window;
  }

  /** A jump elsewhere: decodes nobody waits for would only slow the one that matters. */
  function stopIdleWindows(state: VideoState): void {
    for (const window of state.windows) if (!window.hasWaiters()) window.kill();
  }

  function image(state: VideoState, n: number, frame: DecodedFrame): FrameImage {
    return { frame: n, mime: 'image/jpeg', bytes: frame.bytes, width: frame.width, height: frame.height };
  }

  function unreadable(state: VideoState, n: number, error: string): FrameImage {
    const { width, height } = state.probe;
    const outWidth = options.outputWidth ?? width;
    const outHeight = options.outputWidth ? 2 * Math.round((options.outputWidth * height) / width / 2) : height;
    return { frame: n, mime: 'image/jpeg', bytes: null, width: outWidth, height: outHeight, error: `Frame ${n} is unreadable: ${error}` };
  }

  function fromOutcome(state: VideoState, n: number, outcome: WindowOutcome): FrameImage {
    if (closed) throw new VideoError('closed', 'The frame server was closed');
    if (outcome.ok) return image(state, n, outcome.frame);
    if (outcome.error !== 'decoding was stopped') state.unreadable.set(n, outcome.error);
    return unreadable(state, n, outcome.error);
  }

  async function decodeOrDisk(state: VideoState, n: number, direction: PlayDirection): Promise<FrameImage> {
    const running = [...state.windows].find((w) => w.covers(n));
    if (running) return fromOutcome(state, n, await running.waitFor(n));
    const stored = await disk?.read(state.probe.cacheKey, n);
    if (stored) {
      counters.diskHits++;
      memory.set(memoryKey(state, n), stored);
      return image(state, n, stored);
    }
    const startedMeanwhile = [...state.windows].find((w) => w.covers(n));
    if (startedMeanwhile) return fromOutcome(state, n, await startedMeanwhile.waitFor(n));
    stopIdleWindows(state);
    const length = direction === 'forward' ? playWindow : direction === 'backward' ? 1 : jumpWindow;
    // A jump also keeps the frames just before its target: ffmpeg decodes them anyway (from the
    // keyframe), so a step back right after the jump costs a JPEG each instead of another decode.
    const behind = direction === 'none' ? Math.min(keepBehind, n) : 0;
    return fromOutcome(state, n, await startWindow(state, n - behind, n + length - 1).waitFor(n));
  }

  async function prefetch(state: VideoState, n: number, direction: PlayDirection): Promise<void> {
    if (direction === 'none' || state.prefetching || closed) return;
    if ([...state.windows].filter((w) => !w.hasWaiters()).length >= MAX_WINDOWS_PER_VIDEO - 1) return;
    state.prefetching = true;
    try {
      const view: PrefetchView = {
        frameCount: state.probe.info.frameCount,
        isAvailable: (m) => memory.has(memoryKey(state, m)) || state.unreadable.has(m) || [...state.windows].some((w) => w.covers(m)),
        loadFromDisk: async (m) => {
          const stored = await disk?.read(state.probe.cacheKey, m);
          if (stored) memory.set(memoryKey(state, m), stored);
          return Boolean(stored);
        },
      };
      const range = await planPrefetch(view, n, direction, playWindow);
      if (range && !closed) startWindow(state, range.start, range.end);
    } finally {
      state.prefetching = false;
    }
  }

  let scheduled = 0;
  function schedulePrefetch(state: VideoState, n: number, direction: PlayDirection): void {
    if (direction === 'none') return;
    scheduled++;
    setImmediate(() => {
      scheduled--;
      void prefetch(state, n, direction);
    });
  }

  return {
    async open(videoPath) {
      return (await stateFor(videoPath)).probe;
    },

    async getFrame(video, n, direction = 'none') {
      if (closed) throw new VideoError('closed', 'The frame server was closed');
      const state = await stateFor(video);
      const { frameCount } = state.probe.info;
      if (!Number.isInteger(n) || n < 0 || n >= frameCount) {
        throw new VideoError('frame-out-of-range', `Frame ${n} is outside ${path.basename(state.probe.path)} (frames 0–${frameCount - 1})`);
      }
      let result: FrameImage;
      const cached = memory.get(memoryKey(state, n));
      const knownBad = state.unreadable.get(n);
      const pack = cached ? null : (packs?.ready(state.probe) ?? null);
      const packed = pack ? await pack.read(n) : null;
      if (pack?.damaged) packs!.replaceDamaged(state.probe);
      if (cached) {
        counters.memoryHits++;
        result = image(state, n, cached);
      } else if (packed) {
        // One read per frame: neither prefetch nor the caches below are worth their work here.
        counters.packHits++;
        memory.set(memoryKey(state, n), packed);
        return image(state, n, packed);
      } else if (knownBad) {
        result = unreadable(state, n, knownBad);
      } else {
        result = await decodeOrDisk(state, n, direction);
      }
      // After the answer: spawning ffmpeg blocks the event loop for a while on a loaded machine.
      schedulePrefetch(state, n, direction);
      return result;
    },

    async preparePack(video): Promise<PackStatus> {
      if (closed) throw new VideoError('closed', 'The frame server was closed');
      if (!packs) return { state: 'off' };
      return packs.prepare((await stateFor(video)).probe);
    },

    async preparePackForLater(video, signal): Promise<PackStatus> {
      if (closed) throw new VideoError('closed', 'The frame server was closed');
      if (!packs) return { state: 'off' };
      return packs.prepareForLater((await stateFor(video)).probe, signal);
    },

    stats(): FrameServerStats {
      return { ...counters, memoryBytes: memory.bytes, memoryFrames: memory.size };
    },

    async whenIdle() {
      for (;;) {
        const states = await Promise.allSettled([...videos.values()]);
        const live = states.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        const running = [...live.flatMap((s) => [...s.windows].map((w) => w.done)), ...(packs?.pending() ?? [])];
        if (running.length === 0 && scheduled === 0 && !live.some((s) => s.prefetching)) return;
        await Promise.all(running);
        await new Promise((resolve) => setTimeout(resolve, 5)); // a prefetch plan may be reading the disk cache
      }
    },

    release(videoPath) {
      const file = path.resolve(videoPath);
      const state = videos.get(file);
      videos.delete(file);
      void state?.then((s) => {
        packs?.release(s.probe.cacheKey);
        for (const window of s.windows) window.kill('the video was released');
        memory.deleteWhere((key) => key.startsWith(`${s.probe.cacheKey}:`));
      }, () => undefined);
    },

    async close() {
      closed = true;
      const states = await Promise.allSettled([...videos.values()]);
      const done: Promise<void>[] = [];
      for (const settled of states) {
        if (settled.status !== 'fulfilled') continue;
        for (const window of settled.value.windows) {
          window.kill('the frame server was closed');
          done.push(window.done);
        }
      }
      await Promise.all([...done, packs?.close()]);
      videos.clear();
    },
  };
}
