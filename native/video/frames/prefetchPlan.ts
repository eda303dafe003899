import type { PlayDirection } from '../types';

export interface PrefetchView {
  frameCount: number;
  /** In memory, known unreadable, or coming out of a running decode. */
  isAvailable(n: number): boolean;
  /** Try the disk cache; true when the frame is now in memory. */
  loadFromDisk(n: number): Promise<boolean>;
}

/**
 * Which frames to decode next so playback never waits: walk from the
 * playhead in the direction of play over what is already available; when
 * the first gap is closer than half a window, decode a window from it.
 */
export async function planPrefetch(view: PrefetchView, from: number, direction: PlayDirection, windowFrames: number): Promise<{ start: number; end: number } | null> {
  if (direction === 'none') return null;
  const step = direction === 'forward' ? 1 : -1;
  const lookahead = Math.max(1, Math.floor(windowFrames / 2));
  for (let m = from + step, distance = 1; distance <= lookahead; m += step, distance++) {
    if (m < 0 || m >= view.frameCount) return null;
    if (view.isAvailable(m) || (await view.loadFromDisk(m))) continue;
    return step > 0 ? { start: m, end: Math.min(view.frameCount - 1, m + windowFrames - 1) } : { start: Math.max(0, m - windowFrames + 1), end: m };
  }
  return null;
}
