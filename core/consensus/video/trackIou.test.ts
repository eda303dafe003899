import { describe, expect, it } from 'vitest';
import { iou } from '../../geometry/box';
import type { CanonicalTrack } from '../../sync/canonicalVideo';
import { normalizeVideoLabels } from '../../sync/canonicalVideo';
import { boxAtFrame, visibleBoxAtFrame } from '../../video/interpolate';
import { pieceBox, trackPieces } from './pieces';
import { box, kf, randomTrack, rng, track } from './testKit';
import { trackIou } from './trackIou';

const normalized = (t: CanonicalTrack, frameCount: number) => normalizeVideoLabels({ frameCount, tracks: [t], frameTags: [], segments: [] }).tracks[0]!;

/** Track IoU the slow way: boxAtFrame on every frame of the video. */
function naiveTrackIou(a: CanonicalTrack, b: CanonicalTrack, frameCount: number): number {
  let sum = 0;
  let union = 0;
  for (let f = 0; f < frameCount; f++) {
    const ba = visibleBoxAtFrame(a, f);
    const bb = visibleBoxAtFrame(b, f);
    if (!ba && !bb) continue;
    union++;
    if (ba && bb) sum += iou(ba, bb);
  }
  return union === 0 ? 0 : sum / union;
}

describe('track pieces', () => {
  it('give exactly boxAtFrame on every visible frame and nothing on hidden ones', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const frameCount = 20 + Math.floor(r() * 300);
      const t = normalized(randomTrack(r, frameCount), frameCount);
      const pieces = trackPieces(t, frameCount);
      const covered = new Map<number, ReturnType<typeof pieceBox>>();
      for (const p of pieces) for (let f = p.start; f <= p.end; f++) covered.set(f, pieceBox(p, f));
      for (let f = 0; f < frameCount; f++) {
        const at = boxAtFrame(t, f);
        const visible = at && !at.outside ? at.box : null;
        expect(covered.get(f) ?? null, `seed ${seed} frame ${f}`).toEqual(visible);
      }
    }
  });
});

describe('trackIou', () => {
  it('is 1 for one track, 0 for tracks never on screen together, and counts frames only one is visible as 0', () => {
    const a = track('car', [kf(0, box(0, 0)), kf(99, box(99, 0))]);
    expect(trackIou(a, a, 100)).toBe(1);
    const late = track('car', [kf(0, box(0, 0)), kf(50, box(0, 0), { outside: true })]);
    const early = track('car', [kf(50, box(0, 0))]);
    expect(trackIou(late, early, 100)).toBe(0);
    // Same box, one visible on frames 0–49 only: 50 of 100 frames.
    const still = track('car', [kf(0, box(0, 0))]);
    expect(trackIou(late, still, 100)).toBe(0.5);
    expect(trackIou(late, still, 50)).toBe(1);
  });

  it('equals the per-frame mean computed with boxAtFrame, for random tracks with outside gaps', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed * 7);
      const frameCount = 20 + Math.floor(r() * 300);
      const a = normalized(randomTrack(r, frameCount), frameCount);
      // A second track near the first: same keyframes, shifted a little, plus a few of its own.
      const keyframes = a.keyframes.filter((_, i) => i === 0 || r() < 0.7).map((k) => ({ ...k, box: { ...k.box, x: k.box.x + Math.floor(r() * 8) } }));
      const extra = Math.floor(r() * frameCount);
      if (r() < 0.5 && !keyframes.some((k) => k.frame === extra)) keyframes.push(kf(extra, box(0, 0, 50, 50)));
      const b = normalized(track('car', keyframes), frameCount);
      expect(trackIou(a, b, frameCount), `seed ${seed}`).toBeCloseTo(naiveTrackIou(a, b, frameCount), 12);
      expect(trackIou(b, a, frameCount)).toBe(trackIou(a, b, frameCount));
    }
  });
});
