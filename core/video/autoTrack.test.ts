import { describe, expect, it } from 'vitest';
import { keyframesFromDetections } from './autoTrack';
import { boxAtFrame } from './interpolate';
import { box } from './testKit';

describe('keyframesFromDetections', () => {
  const detections = [
    { frame: 0, box: box(0, 0), score: 0.9 },
    { frame: 10, box: box(20, 0), score: 0.8 },
  ];

  it('makes model keyframes with scores and closes the track with an outside keyframe at endFrame', () => {
    const keyframes = keyframesFromDetections(detections, 15);
    expect(keyframes).toEqual([
      { frame: 0, box: box(0, 0), outside: false, source: 'model', score: 0.9 },
      { frame: 10, box: box(20, 0), outside: false, source: 'model', score: 0.8 },
      { frame: 15, box: box(20, 0), outside: true, source: 'model' },
    ]);
    expect(boxAtFrame({ keyframes }, 5)?.box).toEqual(box(10, 0));
    expect(boxAtFrame({ keyframes }, 20)?.outside).toBe(true);
  });

  it('leaves a track open when the tracker still saw it at the end', () => {
    expect(keyframesFromDetections(detections)).toHaveLength(2);
    expect(keyframesFromDetections([], 4)).toEqual([]);
  });
});
