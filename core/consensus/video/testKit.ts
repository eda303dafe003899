import type { Box } from '../../model/shape';
import type { CanonicalKeyframe, CanonicalSegment, CanonicalTrack, CanonicalVideoLabels } from '../../sync/canonicalVideo';
import type { VideoSubmission } from './types';

/** Seeded generator (mulberry32): a failing case replays from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export const box = (x: number, y: number, w = 20, h = 20): Box => ({ x, y, w, h });

export function kf(frame: number, b: Box, extra: Partial<CanonicalKeyframe> = {}): CanonicalKeyframe {
  return { frame, box: b, ...extra };
}

export function track(className: string, keyframes: CanonicalKeyframe[], attributes?: CanonicalTrack['attributes']): CanonicalTrack {
  return attributes ? { className, keyframes, attributes } : { className, keyframes };
}

/** A straight track: visible from `from` to `to` (outside keyframe after it when before the end), moving linearly from `a` to `b`. */
export function straight(className: string, from: number, to: number, a: Box, b: Box, frameCount: number): CanonicalTrack {
  const keyframes = [kf(from, a), kf(to, b)];
  if (to + 1 < frameCount) keyframes.push(kf(to + 1, b, { outside: true }));
  return track(className, keyframes);
}

/**
 * A random track an annotator could draw: keyframes on random frames, boxes
 * on 1/100 px, visible stretches with outside gaps (an outside keyframe
 * copies the box before it, as CVAT does, or not), keyframe attributes,
 * redundant keyframes on the line between their neighbours.
 */
export function randomTrack(r: () => number, frameCount: number, className = 'car'): CanonicalTrack {
  const keyframes: CanonicalKeyframe[] = [];
  let frame = int(r, 0, Math.max(0, Math.floor(frameCount / 3)));
  let cur = box(int(r, 0, 2000) / 4, int(r, 0, 2000) / 4, int(r, 40, 400) / 4, int(r, 40, 400) / 4);
  let inside = false;
  while (frame < frameCount) {
    const roll = r();
    if (inside && roll < 0.15) {
      keyframes.push(kf(frame, r() < 0.5 ? { ...cur } : box(int(r, 0, 2000) / 4, 0, 5, 5), { outside: true, ...(r() < 0.3 ? { attributes: { occluded: false } } : {}) }));
      inside = false;
    } else {
      const next = box(cur.x + int(r, -400, 400) / 100, cur.y + int(r, -400, 400) / 100, Math.max(1, cur.w + int(r, -200, 200) / 100), Math.max(1, cur.h + int(r, -200, 200) / 100));
      const prev = keyframes[keyframes.length - 1];
      if (inside && prev && !prev.outside && r() < 0.2 && (frame - prev.frame) % 2 === 0) {
        // A redundant keyframe halfway (on the line), then the real one.
        const mid = prev.frame + (frame - prev.frame) / 2;
        if (mid > prev.frame) keyframes.push(kf(mid, box((prev.box.x + next.x) / 2, (prev.box.y + next.y) / 2, (prev.box.w + next.w) / 2, (prev.box.h + next.h) / 2)));
      }
      const attributes = r() < 0.3 ? { occluded: r() < 0.5, visibility: int(r, 0, 3) } : undefined;
      keyframes.push(kf(frame, next, attributes ? { attributes } : {}));
      cur = next;
      inside = true;
    }
    frame += int(r, 1, 40);
  }
  const attributes = r() < 0.5 ? { id: `t${int(r, 0, 99)}` } : undefined;
  return track(className, keyframes.length > 0 ? keyframes : [kf(frameCount - 1, cur)], attributes);
}

/** Random tiling segments with tags. */
export function randomSegments(r: () => number, frameCount: number): CanonicalSegment[] {
  const out: CanonicalSegment[] = [];
  let start = 0;
  while (start < frameCount) {
    const end = Math.min(frameCount - 1, start + int(r, 5, 60));
    const tags = ['day', 'night', 'indoor'].filter(() => r() < 0.4);
    out.push(tags.length ? { startFrame: start, endFrame: end, tags } : { startFrame: start, endFrame: end });
    start = end + 1;
  }
  return out;
}

export function video(frameCount: number, parts: Partial<CanonicalVideoLabels> = {}): CanonicalVideoLabels {
  return { frameCount, tracks: [], frameTags: [], segments: [], ...parts };
}

export function submission(annotator: string, v: CanonicalVideoLabels, shapes: VideoSubmission['shapes'] = []): VideoSubmission {
  return { annotator, shapes, video: v };
}
