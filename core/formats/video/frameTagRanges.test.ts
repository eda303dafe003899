import { describe, expect, it } from 'vitest';
import { mergeFrameTags } from './frameTagRanges';
import type { VideoFrameTag } from './types';

describe('mergeFrameTags', () => {
  it('merges 200,000 single-frame tags of one class (CVAT writes one <tag> per frame) into one range, in linear time', () => {
    // Copying the class's list per tag made this quadratic: 40k tags took over a minute, far past the test timeout.
    const tags: VideoFrameTag[] = Array.from({ length: 200_000 }, (_, f) => ({ className: 'night', startFrame: f, endFrame: f }));
    expect(mergeFrameTags(tags)).toEqual([{ className: 'night', startFrame: 0, endFrame: 199_999 }]);
  });

  it('keeps classes apart and merges touching ranges given out of order', () => {
    const tags: VideoFrameTag[] = [
      { className: 'rain', startFrame: 5, endFrame: 6 },
      { className: 'night', startFrame: 3, endFrame: 3 },
      { className: 'rain', startFrame: 0, endFrame: 4 },
      { className: 'night', startFrame: 9, endFrame: 9 },
    ];
    expect(mergeFrameTags(tags)).toEqual([
      { className: 'rain', startFrame: 0, endFrame: 6 },
      { className: 'night', startFrame: 3, endFrame: 3 },
      { className: 'night', startFrame: 9, endFrame: 9 },
    ]);
  });
});
