import { describe, expect, it } from 'vitest';
import { acceptBox } from './boxPolicy';
import { FormatError } from './formatError';
import { WarningCollector } from './importWarnings';
import { frameName } from './video/videoChecks';

const image = { fileName: 'a.jpg', width: 100, height: 50 };
const accept = (x: number, y: number, w: number, h: number) => {
  const warnings = new WarningCollector();
  return { box: acceptBox('f.json', 'here', { x, y, w, h }, image, warnings), warnings: warnings.result() };
};

describe('acceptBox', () => {
  it('keeps a box inside the image (within 0.5 px) without a warning, rounded to 1/100 px', () => {
    expect(accept(-0.4, 0, 100.3, 50.4)).toEqual({ box: { x: 0, y: 0, w: 99.9, h: 50 }, warnings: { counts: {}, examples: [] } });
    expect(accept(1.234, 2, 3, 4).box).toEqual({ x: 1.23, y: 2, w: 3, h: 4 });
  });

  it('clamps a box partly outside, with a box-clamped warning', () => {
    const { box, warnings } = accept(90, -10, 20, 20);
    expect(box).toEqual({ x: 90, y: 0, w: 10, h: 10 });
    expect(warnings.counts).toEqual({ 'box-clamped': 1 });
    expect(warnings.examples[0]).toEqual({ kind: 'box-clamped', file: 'f.json', location: 'here', message: 'box (x 90, y -10, w 20, h 20) runs outside image "a.jpg" (100×50); clamped to it' });
  });

  it('skips a box wholly outside (or only touching the edge), with a box-outside warning', () => {
    expect(accept(120, 10, 5, 5)).toMatchObject({ box: null, warnings: { counts: { 'box-outside': 1 } } });
    expect(accept(100, 10, 5, 5).box).toBeNull();
  });

  it('checks a video frame with the same policy, naming the frame as the caller says', () => {
    const video = { fileName: 'clips/street.mp4', width: 640, height: 480, frameCount: 100 };
    const warnings = new WarningCollector();
    expect(acceptBox('gt.txt', 'line 4', { x: -12.3, y: 150, w: 40, h: 100 }, video, warnings, frameName(video))).toEqual({ x: 0, y: 150, w: 27.7, h: 100 });
    expect(acceptBox('gt.txt', 'line 7', { x: 700, y: 100, w: 30, h: 60 }, video, warnings, frameName(video))).toBeNull();
    expect(warnings.result().examples.map((e) => e.message)).toEqual([
      'box (x -12.3, y 150, w 40, h 100) runs outside the 640×480 frame; clamped to it',
      'box (x 700, y 100, w 30, h 60) lies wholly outside the 640×480 frame; skipped',
    ]);
  });

  it('still refuses what is not a box', () => {
    expect(() => accept(1, 1, -2, 2)).toThrow(FormatError);
    expect(() => accept(Number.NaN, 1, 2, 2)).toThrow(/not numbers/);
  });
});
