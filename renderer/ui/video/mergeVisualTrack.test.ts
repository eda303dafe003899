import { describe, expect, it } from 'vitest';
import type { Track } from '../../../core/model/track';
import { mergeVisualTrack } from './mergeVisualTrack';

const box = (x: number) => ({ x, y: 0, w: 10, h: 10 });
const track: Track = {
  id: 'trk_1', projectId: 'p', itemId: 'i', classId: 'c', attributes: {}, author: 'me', createdAt: 1, updatedAt: 1, version: 3,
  keyframes: [
    { frame: 0, box: box(0), outside: false, source: 'human' },
    { frame: 10, box: box(10), outside: false, source: 'human' },
    { frame: 20, box: box(99), outside: false, source: 'human' },
    { frame: 90, box: box(90), outside: false, source: 'human' },
  ],
};

describe('mergeVisualTrack', () => {
  it('keeps the user\'s keyframes up to the start, replaces those the tracker covered, and ends where the object was lost', () => {
    const result = { tracks: [{ className: 'rock', endFrame: 40, keyframes: [{ frame: 10, box: box(10), score: 1 }, { frame: 20, box: box(20), score: 0.9 }, { frame: 30, box: box(30), score: 0.8 }] }] };
    const merged = mergeVisualTrack(track, result, 10, { author: 'me', now: 5 });
    expect(merged.keyframes.map((k) => [k.frame, k.box.x, k.outside, k.source])).toEqual([
      [0, 0, false, 'human'],
      [10, 10, false, 'human'],
      [20, 20, false, 'model'],
      [30, 30, false, 'model'],
      [40, 30, true, 'model'],
      [90, 90, false, 'human'],
    ]);
    expect(merged).toMatchObject({ id: 'trk_1', version: 4, updatedAt: 5 });
  });

  it('leaves the track alone when the tracker added nothing', () => {
    expect(mergeVisualTrack(track, { tracks: [] }, 10, { author: 'me', now: 5 })).toBe(track);
  });
});
