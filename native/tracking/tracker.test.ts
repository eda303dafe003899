import { describe, expect, it } from 'vitest';
import { iou } from '../../core/geometry/box';
import type { Box } from '../../core/model/shape';
import { IouTracker, trackDetections } from './tracker';
import type { DetectionRound, TrackerTrack } from './types';

const box = (x: number, y: number, w = 40, h = 40): Box => ({ x, y, w, h });

/** Rounds every `step` frames from 0 to `last`, with the objects alive at each frame. */
function rounds(last: number, step: number, objects: ((frame: number) => { className: string; box: Box } | null)[]): DetectionRound[] {
  const out: DetectionRound[] = [];
  for (let frame = 0; frame <= last; frame += step) {
    const detections = objects.flatMap((o) => {
      const d = o(frame);
      return d ? [{ ...d, score: 0.9 }] : [];
    });
    out.push({ frame, detections });
  }
  return out;
}

describe('IouTracker', () => {
  it('keeps the identities of two objects that move linearly and cross paths', () => {
    // A moves right, B moves left, 6 px/frame sampled every 2 frames; they pass each other around frame 33.
    const a = (f: number) => ({ className: 'car', box: box(6 * f, 100) });
    const b = (f: number) => ({ className: 'car', box: box(400 - 6 * f, 106) });
    const result = trackDetections(rounds(66, 2, [a, b]));
    expect(result.tracks).toHaveLength(2);
    const [ta, tb] = result.tracks as [TrackerTrack, TrackerTrack];
    expect(ta.keyframes.map((k) => k.frame)).toEqual(Array.from({ length: 34 }, (_, i) => i * 2));
    for (const k of ta.keyframes) expect(k.box).toEqual(a(k.frame).box);
    for (const k of tb.keyframes) expect(k.box).toEqual(b(k.frame).box);
    expect(ta.endFrame).toBeUndefined();
  });

  it('the crossing above is one that association by last box alone gets wrong', () => {
    // Guards the scenario of the previous test: at the crossing, A's *last* box overlaps B's next detection
    // more than A's own, so only the motion prediction keeps the identities.
    const lastA = box(6 * 32, 100);
    expect(iou(lastA, box(400 - 6 * 34, 106))).toBeGreaterThan(iou(lastA, box(6 * 34, 100)));
  });

  it('ends the track of an object that disappears, naming the first missed frame', () => {
    const stays = (f: number) => ({ className: 'person', box: box(10, 10 + f) });
    const leaves = (f: number) => (f <= 20 ? { className: 'person', box: box(300 + f, 50) } : null);
    const result = trackDetections(rounds(60, 5, [stays, leaves]), { maxMissed: 2 });
    expect(result.tracks).toHaveLength(2);
    const gone = result.tracks[1]!;
    expect(gone.keyframes.map((k) => k.frame)).toEqual([0, 5, 10, 15, 20]);
    expect(gone.endFrame).toBe(25);
    expect(result.tracks[0]!.keyframes).toHaveLength(13);
    expect(result.tracks[0]!.endFrame).toBeUndefined();
  });

  it('does not revive a track after it ended: the object coming back starts a new one', () => {
    const blinking = (f: number) => (f < 10 || f >= 30 ? { className: 'dog', box: box(50, 50) } : null);
    const result = trackDetections(rounds(40, 5, [blinking]), { maxMissed: 2 });
    expect(result.tracks.map((t) => t.keyframes.map((k) => k.frame))).toEqual([
      [0, 5],
      [30, 35, 40],
    ]);
    expect(result.tracks[0]!.endFrame).toBe(10);
  });

  it('bridges a gap shorter than maxMissed rounds without ending the track', () => {
    const flicker = (f: number) => (f === 10 ? null : { className: 'dog', box: box(50 + f, 50) });
    const result = trackDetections(rounds(20, 5, [flicker]), { maxMissed: 2 });
    expect(result.tracks).toHaveLength(1);
    expect(result.tracks[0]!.keyframes.map((k) => k.frame)).toEqual([0, 5, 15, 20]);
    expect(result.tracks[0]!.endFrame).toBeUndefined();
  });

  it('starts a track for an object that appears later', () => {
    const early = () => ({ className: 'car', box: box(0, 0) });
    const late = (f: number) => (f >= 30 ? { className: 'car', box: box(200, 200) } : null);
    const result = trackDetections(rounds(50, 10, [early, late]));
    expect(result.tracks.map((t) => t.keyframes[0]!.frame)).toEqual([0, 30]);
    expect(result.tracks[1]!.keyframes.map((k) => k.frame)).toEqual([30, 40, 50]);
  });

  it('does not continue a track with a detection of another class', () => {
    const shifty = (f: number) => ({ className: f < 20 ? 'car' : 'truck', box: box(0, 0) });
    const result = trackDetections(rounds(30, 10, [shifty]));
    expect(result.tracks.map((t) => t.className)).toEqual(['car', 'truck']);
    expect(trackDetections(rounds(30, 10, [shifty]), { classAware: false }).tracks).toHaveLength(1);
  });

  it('follows a fast object whose boxes overlap less than the gate once its velocity is known (per frame, any sampling)', () => {
    // 10 px/frame: frames 0→1 overlap enough to link, then sampling every 3 frames moves 30 px (IoU 0.14 < 0.3).
    const fast = (f: number) => ({ className: 'ball', box: box(10 * f, 0) });
    const tracker = new IouTracker({ minIoU: 0.3 });
    for (const frame of [0, 1, 4, 7, 10]) tracker.update({ frame, detections: [{ ...fast(frame), score: 0.8 }] });
    const { tracks } = tracker.result();
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.keyframes.map((k) => k.frame)).toEqual([0, 1, 4, 7, 10]);
  });

  it('drops tracks with fewer detections than minDetections and clamps scores into 0..1', () => {
    const result = trackDetections(
      [
        { frame: 0, detections: [{ className: 'a', box: box(0, 0), score: 1.0000001 }, { className: 'a', box: box(500, 500), score: 0.5 }] },
        { frame: 1, detections: [{ className: 'a', box: box(1, 0), score: 0.7 }] },
      ],
      { minDetections: 2 },
    );
    expect(result.tracks).toHaveLength(1);
    expect(result.tracks[0]!.keyframes.map((k) => k.score)).toEqual([1, 0.7]);
  });

  it('rejects rounds out of order and bad options', () => {
    const tracker = new IouTracker();
    tracker.update({ frame: 5, detections: [] });
    expect(() => tracker.update({ frame: 5, detections: [] })).toThrow(/ascending frame order: 5 after 5/);
    expect(() => new IouTracker({ maxMissed: 0 })).toThrow(/maxMissed must be an integer ≥ 1, got 0/);
    expect(() => new IouTracker({ minIoU: 2 })).toThrow(/minIoU must be within 0..1, got 2/);
  });
});
