import { describe, expect, it } from 'vitest';
import { boxAtFrame, lerpBox, visibleBoxAtFrame, visibleRanges } from './interpolate';
import { box, kf } from './testKit';

describe('boxAtFrame', () => {
  const track = { keyframes: [kf(10, { x: 100, y: 50, w: 40, h: 20 }), kf(40, { x: 160, y: 80, w: 100, h: 50 })] };

  it('interpolates frame 25 exactly halfway between keyframes 10 and 40', () => {
    expect(boxAtFrame(track, 25)).toEqual({ box: { x: 130, y: 65, w: 70, h: 35 }, outside: false, keyframe: false });
  });

  it('interpolates at a non-midpoint fraction', () => {
    // 1/3 of the way: frame 20.
    const at = boxAtFrame(track, 20)!;
    expect(at.box.x).toBeCloseTo(120, 12);
    expect(at.box.w).toBeCloseTo(60, 12);
  });

  it('returns the exact box on keyframes and marks them', () => {
    expect(boxAtFrame(track, 10)).toEqual({ box: { x: 100, y: 50, w: 40, h: 20 }, outside: false, keyframe: true });
    expect(boxAtFrame(track, 40)?.keyframe).toBe(true);
  });

  it('shows nothing before the first keyframe', () => {
    expect(boxAtFrame(track, 9)).toBeNull();
    expect(boxAtFrame(track, 0)).toBeNull();
  });

  it('holds the last box after the last inside keyframe', () => {
    expect(boxAtFrame(track, 500)).toEqual({ box: { x: 160, y: 80, w: 100, h: 50 }, outside: false, keyframe: false });
  });

  it('ends visibility at an outside keyframe until the next inside keyframe', () => {
    const t = { keyframes: [kf(0, box(0, 0)), kf(10, box(100, 0), true), kf(20, box(200, 0)), kf(30, box(300, 0))] };
    // Towards an outside keyframe the box holds still rather than gliding.
    expect(boxAtFrame(t, 5)).toEqual({ box: box(0, 0), outside: false, keyframe: false });
    expect(boxAtFrame(t, 10)).toEqual({ box: box(100, 0), outside: true, keyframe: true });
    expect(boxAtFrame(t, 15)?.outside).toBe(true);
    expect(visibleBoxAtFrame(t, 15)).toBeNull();
    expect(boxAtFrame(t, 20)).toEqual({ box: box(200, 0), outside: false, keyframe: true });
    expect(boxAtFrame(t, 25)?.box).toEqual(box(250, 0));
    expect(visibleBoxAtFrame(t, 25)).toEqual(box(250, 0));
  });

  it('does not mutate or alias the keyframe boxes', () => {
    const t = { keyframes: [kf(0, box(1, 1))] };
    const at = boxAtFrame(t, 0)!;
    at.box.x = 99;
    expect(t.keyframes[0]!.box.x).toBe(1);
  });
});

describe('lerpBox', () => {
  it('is a at t=0 and b at t=1', () => {
    expect(lerpBox(box(0, 0), box(10, 20, 30, 40), 0)).toEqual(box(0, 0));
    expect(lerpBox(box(0, 0), box(10, 20, 30, 40), 1)).toEqual(box(10, 20, 30, 40));
  });
});

describe('visibleRanges', () => {
  it('lists inclusive visible ranges, an open track running to the end of the video', () => {
    const t = { keyframes: [kf(5, box(0, 0)), kf(10, box(0, 0), true), kf(20, box(0, 0)), kf(25, box(0, 0))] };
    expect(visibleRanges(t, 100)).toEqual([
      [5, 9],
      [20, 99],
    ]);
  });

  it('clips keyframes past the end and ignores a track that starts outside', () => {
    expect(visibleRanges({ keyframes: [kf(0, box(0, 0), true), kf(3, box(0, 0))] }, 3)).toEqual([]);
    expect(visibleRanges({ keyframes: [kf(0, box(0, 0)), kf(8, box(0, 0), true)] }, 5)).toEqual([[0, 4]]);
  });
});
