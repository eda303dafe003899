import { describe, expect, it } from 'vitest';
import type { Box } from '../../model/shape';
import { normalizeVideoLabels, type CanonicalTrack } from '../../sync/canonicalVideo';
import { visibleBoxAtFrame } from '../../video/interpolate';
import { consensusKeyframes, majorityAttributes, medianBox } from './consensusTrack';
import { trackPieces } from './pieces';
import { box, int, kf, randomTrack, rng, track } from './testKit';

const normalized = (t: CanonicalTrack, frameCount: number) => normalizeVideoLabels({ frameCount, tracks: [t], frameTags: [], segments: [] }).tracks[0]!;

/** The per-frame consensus the slow way: boxAtFrame of every member on every frame. */
function naiveFrame(members: readonly CanonicalTrack[], frame: number, annotators: number, quorumShare: number): Box | null {
  const boxes = members.map((m) => visibleBoxAtFrame(m, frame)).filter((b): b is Box => b !== null);
  return boxes.length > quorumShare * annotators ? medianBox(boxes) : null;
}

describe('consensus track', () => {
  it('medianBox takes the per-coordinate median, the mean of the two middle values on an even count', () => {
    expect(medianBox([box(0, 0, 10, 10), box(4, 1, 30, 10), box(2, 9, 20, 12)])).toEqual(box(2, 1, 20, 10));
    expect(medianBox([box(0, 0, 10, 10), box(4, 2, 30, 20)])).toEqual(box(2, 1, 20, 15));
  });

  it('keeps an attribute value only with a strict majority', () => {
    expect(majorityAttributes([{ occluded: true, v: 1 }, { occluded: true, v: 2 }, { occluded: false }])).toEqual({ occluded: true });
    expect(majorityAttributes([{ occluded: true }, { occluded: false }])).toBeUndefined();
    expect(majorityAttributes([{ a: '1' }, { a: 1 }, { a: 1 }])).toEqual({ a: 1 });
  });

  it('interpolates to within the keyframe tolerance of the per-frame median on every frame, visible exactly where the vote says', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed * 31);
      const frameCount = 30 + int(r, 0, 400);
      const annotators = 3 + int(r, 0, 2);
      const base = normalized(randomTrack(r, frameCount), frameCount);
      // Each member: the base track's keyframes, some dropped, moved by a few pixels, and keyframes of their own.
      const members = Array.from({ length: int(r, 1, annotators) }, () => {
        const keyframes = base.keyframes
          .filter((_, i) => i === 0 || r() < 0.6)
          .map((k) => (k.outside ? k : { ...k, box: box(k.box.x + int(r, -300, 300) / 100, k.box.y + int(r, -300, 300) / 100, k.box.w + int(r, 0, 300) / 100, k.box.h) }));
        const f = int(r, 0, frameCount - 1);
        if (!keyframes.some((k) => k.frame === f)) keyframes.push(kf(f, box(int(r, 0, 100), int(r, 0, 100), 30, 30), r() < 0.3 ? { outside: true } : {}));
        return normalized(track('car', keyframes), frameCount);
      });
      const tolerance = [0, 0.5, 1, 3][int(r, 0, 3)]!;
      const keyframes = consensusKeyframes(
        members.map((m) => trackPieces(m, frameCount)),
        annotators,
        0.5,
        frameCount,
        tolerance,
      );
      const consensus = keyframes.length > 0 ? normalized(track('car', keyframes), frameCount) : null;
      for (let f = 0; f < frameCount; f++) {
        const want = naiveFrame(members, f, annotators, 0.5);
        const got = consensus ? visibleBoxAtFrame(consensus, f) : null;
        expect(got === null, `seed ${seed} frame ${f} visibility`).toBe(want === null);
        if (!want || !got) continue;
        // Rounding keyframes to 1/100 px can add 0.005 px on either end.
        for (const c of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(got[c] - want[c]), `seed ${seed} frame ${f} ${c} (tolerance ${tolerance})`).toBeLessThanOrEqual(tolerance + 0.0101);
      }
    }
  });

  it('needs no more keyframes than the members had for a straight motion, whatever frames they keyed it on', () => {
    const frameCount = 1000;
    const at = (f: number) => box(f / 2, 100 - f / 10, 40, 40);
    const member = (frames: number[]) => normalized(track('car', frames.map((f) => kf(f, at(f)))), frameCount);
    const members = [member([0, 300, 999]), member([0, 500, 999]), member([0, 700, 999])];
    const keyframes = consensusKeyframes(
      members.map((m) => trackPieces(m, frameCount)),
      3,
      0.5,
      frameCount,
      1,
    );
    expect(keyframes.map((k) => k.frame)).toEqual([0, 999]);
  });

  it('ends with an outside keyframe on the first hidden frame, holding the last box', () => {
    const frameCount = 100;
    const a = normalized(track('car', [kf(10, box(0, 0)), kf(40, box(30, 0)), kf(60, box(30, 0), { outside: true })]), frameCount);
    const b = normalized(track('car', [kf(10, box(0, 0)), kf(40, box(30, 0)), kf(61, box(30, 0), { outside: true })]), frameCount);
    const c = normalized(track('car', [kf(12, box(2, 0)), kf(40, box(30, 0)), kf(50, box(30, 0), { outside: true })]), frameCount);
    const keyframes = consensusKeyframes(
      [a, b, c].map((m) => trackPieces(m, frameCount)),
      3,
      0.5,
      frameCount,
      1,
    );
    expect(keyframes).toEqual([kf(10, box(0, 0)), kf(40, box(30, 0)), kf(60, box(30, 0), { outside: true })]);
  });
});
