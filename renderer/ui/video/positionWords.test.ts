import { describe, expect, it } from 'vitest';
import { describeSelected, positionOf } from './positionWords';

describe('positionWords', () => {
  it('names the position of the selected box in words', () => {
    expect(positionOf(undefined)).toBe('no track');
    expect(positionOf({ keyframe: true, outside: false })).toBe('keyframe');
    expect(positionOf({ keyframe: false, outside: false })).toBe('interpolated');
    expect(positionOf({ keyframe: true, outside: true })).toBe('outside');
  });

  it('puts the geometry in a sentence, rounded to pixels', () => {
    expect(describeSelected({ box: { x: 480, y: 150.4, w: 320, h: 299.6 }, position: 'interpolated' })).toBe(
      'Selected box: interpolated between its track’s keyframes on this frame. Left 480 px, top 150 px, 320 × 300 px.',
    );
  });
});
