import { describe, expect, it } from 'vitest';
import { framesWithLabels, keyframeMarks, mergeRanges } from './timeline';
import { box, kf } from './testKit';

describe('timeline', () => {
  it('merges overlapping and touching ranges', () => {
    expect(
      mergeRanges([
        [10, 12],
        [0, 3],
        [4, 5],
        [11, 20],
        [30, 30],
      ]),
    ).toEqual([
      [0, 5],
      [10, 20],
      [30, 30],
    ]);
  });

  it('marks the frames with visible tracks and plain boxes, bounded by the video', () => {
    const tracks = [
      { keyframes: [kf(10, box(0, 0)), kf(20, box(0, 0), true)] },
      { keyframes: [kf(90, box(0, 0))] },
    ];
    const shapes = [{ frame: 25 }, { frame: 21 }, {}, { frame: 500 }];
    expect(framesWithLabels(tracks, shapes, 100)).toEqual([
      [10, 19],
      [21, 21],
      [25, 25],
      [90, 99],
    ]);
  });

  it('lists keyframe marks of all tracks sorted and unique', () => {
    const tracks = [{ keyframes: [kf(10, box(0, 0)), kf(40, box(0, 0))] }, { keyframes: [kf(5, box(0, 0)), kf(10, box(0, 0))] }];
    expect(keyframeMarks(tracks)).toEqual([5, 10, 40]);
  });
});
