import { describe, expect, it } from 'vitest';
import { boxAtFrame } from './interpolate';
import {
  mergeKeyframes,
  nextKeyframe,
  prevKeyframe,
  propagateBox,
  propagateTrack,
  removeKeyframe,
  setKeyframe,
  splitKeyframes,
  toggleKeyframe,
  toggleOutside,
} from './trackEdits';
import { box, kf } from './testKit';

const frames = (t: { keyframes: { frame: number }[] }) => t.keyframes.map((k) => k.frame);

describe('setKeyframe / removeKeyframe / toggleKeyframe', () => {
  const track = { id: 't1', keyframes: [kf(10, box(0, 0))] };

  it('inserts keyframes in frame order and keeps the other fields', () => {
    const t = setKeyframe(setKeyframe(track, 40, box(30, 0)), 20, box(5, 5));
    expect(frames(t)).toEqual([10, 20, 40]);
    expect(t.id).toBe('t1');
    expect(track.keyframes).toHaveLength(1);
  });

  it('replaces a keyframe on the same frame and makes it inside and human', () => {
    const t = setKeyframe({ keyframes: [{ ...kf(10, box(0, 0), true), source: 'model' as const, score: 0.7 }] }, 10, box(1, 2));
    expect(t.keyframes).toEqual([{ frame: 10, box: box(1, 2), outside: false, source: 'human' }]);
  });

  it('removes a keyframe, and reports the track gone when it was the last one', () => {
    const t = setKeyframe(track, 40, box(30, 0));
    expect(frames(removeKeyframe(t, 40)!)).toEqual([10]);
    expect(removeKeyframe(t, 33)).toBe(t);
    expect(removeKeyframe(track, 10)).toBeNull();
  });

  it('K on an interpolated frame freezes the shown box as a keyframe; K again removes it', () => {
    const t = setKeyframe(track, 40, box(30, 0));
    const keyed = toggleKeyframe(t, 25)!;
    expect(keyed.keyframes[1]).toEqual(kf(25, box(15, 0)));
    expect(frames(toggleKeyframe(keyed, 25)!)).toEqual([10, 40]);
    expect(toggleKeyframe(t, 3)).toBe(t);
  });

  it('rejects negative or fractional frames', () => {
    expect(() => setKeyframe(track, -1, box(0, 0))).toThrow(/non-negative integer, got -1/);
    expect(() => setKeyframe(track, 1.5, box(0, 0))).toThrow(/got 1.5/);
  });
});

describe('toggleOutside', () => {
  const track = { keyframes: [kf(0, box(0, 0)), kf(20, box(20, 0))] };

  it('on an interpolated frame inserts an outside keyframe with the shown box', () => {
    const t = toggleOutside(track, 10);
    expect(t.keyframes[1]).toEqual(kf(10, box(10, 0), true));
    expect(boxAtFrame(t, 15)?.outside).toBe(true);
    expect(boxAtFrame(t, 20)?.outside).toBe(false);
  });

  it('inside an outside range inserts an inside keyframe (object comes back)', () => {
    const out = toggleOutside(track, 10);
    const back = toggleOutside(out, 15);
    expect(back.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [10, true],
      [15, false],
      [20, false],
    ]);
    expect(boxAtFrame(back, 17)?.outside).toBe(false);
  });

  it('on a keyframe flips its flag; before the first keyframe does nothing', () => {
    expect(toggleOutside(track, 20).keyframes[1]!.outside).toBe(true);
    expect(toggleOutside(toggleOutside(track, 20), 20).keyframes[1]!.outside).toBe(false);
    const late = { keyframes: [kf(5, box(0, 0))] };
    expect(toggleOutside(late, 2)).toBe(late);
  });
});

describe('next/previous keyframe (R/E)', () => {
  const track = { keyframes: [kf(10, box(0, 0)), kf(40, box(0, 0)), kf(70, box(0, 0))] };
  it('finds the neighbours strictly after and before the frame', () => {
    expect(nextKeyframe(track, 10)).toBe(40);
    expect(nextKeyframe(track, 0)).toBe(10);
    expect(nextKeyframe(track, 70)).toBeNull();
    expect(prevKeyframe(track, 40)).toBe(10);
    expect(prevKeyframe(track, 100)).toBe(70);
    expect(prevKeyframe(track, 10)).toBeNull();
  });
});

describe('propagate (Ctrl+B)', () => {
  it('turns a plain box into keyframes on its frame and the next N frames', () => {
    const keyframes = propagateBox(box(5, 5), 10, 3, 100);
    expect(keyframes).toEqual([kf(10, box(5, 5)), kf(11, box(5, 5)), kf(12, box(5, 5)), kf(13, box(5, 5))]);
  });

  it('stops at the end of the video and refuses a frame past it', () => {
    expect(frames({ keyframes: propagateBox(box(0, 0), 8, 5, 10) })).toEqual([8, 9]);
    expect(() => propagateBox(box(0, 0), 10, 5, 10)).toThrow(/past the end of the video \(10 frames\)/);
  });

  it('extends a track with copies of the box shown on the frame, replacing keyframes in range', () => {
    const track = { keyframes: [kf(0, box(0, 0)), kf(10, box(100, 0)), kf(12, box(500, 0))] };
    const t = propagateTrack(track, 5, 7, 100);
    expect(frames(t)).toEqual([0, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.keyframes.slice(1).every((k) => k.box.x === 50)).toBe(true);
    // Frame 5 was interpolated (x=50) and keeps showing exactly that.
    expect(boxAtFrame(t, 5)?.box).toEqual(box(50, 0));
    expect(propagateTrack({ keyframes: [kf(5, box(0, 0))] }, 2, 3, 100).keyframes).toHaveLength(1);
  });
});

describe('split and merge', () => {
  const track = { keyframes: [kf(0, box(0, 0)), kf(20, box(20, 0))] };

  it('splits into a head ending with an outside keyframe and a tail starting at the shown box', () => {
    const parts = splitKeyframes(track, 10)!;
    expect(parts.head).toEqual([kf(0, box(0, 0)), kf(10, box(10, 0), true)]);
    expect(parts.tail).toEqual([kf(10, box(10, 0)), kf(20, box(20, 0))]);
    expect(splitKeyframes(track, 0)).toBeNull();
  });

  it('merging the split parts gives back the original track visibly', () => {
    const parts = splitKeyframes(track, 10)!;
    const merged = mergeKeyframes({ keyframes: parts.head }, { keyframes: parts.tail });
    for (const f of [0, 5, 10, 15, 20, 30]) expect(boxAtFrame(merged, f)?.box).toEqual(boxAtFrame(track, f)?.box);
    expect(boxAtFrame(merged, 10)?.outside).toBe(false);
  });

  it('merging keeps the first track’s keyframe where both have one', () => {
    const merged = mergeKeyframes({ keyframes: [kf(5, box(1, 1))] }, { keyframes: [kf(5, box(9, 9)), kf(8, box(2, 2))] });
    expect(merged.keyframes).toEqual([kf(5, box(1, 1)), kf(8, box(2, 2))]);
  });
});
