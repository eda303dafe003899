import { describe, expect, it } from 'vitest';
import { mergeWithNext, segmentIndexAtFrame, segmentsFromShots, splitSegmentAt, toggleSegmentTag } from './segments';

const shots = segmentsFromShots([
  { startFrame: 0, endFrame: 49, score: 0 },
  { startFrame: 50, endFrame: 99, score: 0.8 },
]);

describe('segments', () => {
  it('start from the shots job with empty tags and are found by frame', () => {
    expect(shots[1]).toEqual({ startFrame: 50, endFrame: 99, score: 0.8, tags: [] });
    expect(segmentIndexAtFrame(shots, 49)).toBe(0);
    expect(segmentIndexAtFrame(shots, 50)).toBe(1);
    expect(segmentIndexAtFrame(shots, 100)).toBe(-1);
  });

  it('split at a frame: the new segment starts there, keeps the tags, and coverage stays contiguous', () => {
    const tagged = toggleSegmentTag(shots, 0, 'indoor');
    const split = splitSegmentAt(tagged, 20, 0.3);
    expect(split).toEqual([
      { startFrame: 0, endFrame: 19, score: 0, tags: ['indoor'] },
      { startFrame: 20, endFrame: 49, score: 0.3, tags: ['indoor'] },
      { startFrame: 50, endFrame: 99, score: 0.8, tags: [] },
    ]);
    expect(splitSegmentAt(shots, 50)).toEqual(shots);
    expect(() => splitSegmentAt(shots, 120)).toThrow(/frame 120 is in no segment/);
  });

  it('merge with the next: one segment spanning both, tags united, first score kept', () => {
    const a = toggleSegmentTag(toggleSegmentTag(shots, 0, 'day'), 1, 'car');
    expect(mergeWithNext(a, 0)).toEqual([{ startFrame: 0, endFrame: 99, score: 0, tags: ['day', 'car'] }]);
    expect(() => mergeWithNext(a, 1)).toThrow(/segment 1 has no next segment/);
  });

  it('toggling a tag adds then removes it without touching other segments', () => {
    const once = toggleSegmentTag(shots, 1, 'night');
    expect(once[1]!.tags).toEqual(['night']);
    expect(once[0]).toBe(shots[0]);
    expect(toggleSegmentTag(once, 1, 'night')[1]!.tags).toEqual([]);
    expect(() => toggleSegmentTag(shots, 5, 'x')).toThrow(/no segment 5/);
  });
});
