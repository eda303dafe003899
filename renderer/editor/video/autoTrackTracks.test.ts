import { describe, expect, it } from 'vitest';
import { testSchema } from '../testing/testEditor';
import { tracksFromAutoTrack } from './autoTrackTracks';

describe('tracksFromAutoTrack', () => {
  it('makes model keyframes at the detection frames, matching classes by name and listing unknown ones', () => {
    const result = {
      tracks: [
        { className: 'Car', keyframes: [{ frame: 10, box: { x: 5, y: 5, w: 10, h: 10 }, score: 0.8 }, { frame: 0, box: { x: 1, y: 1, w: 10, h: 10 }, score: 0.9 }] },
        { className: 'zebra', keyframes: [{ frame: 0, box: { x: 0, y: 0, w: 1, h: 1 }, score: 0.5 }] },
      ],
    };
    const { tracks, unknownClasses } = tracksFromAutoTrack(result, testSchema, { projectId: 'proj1', itemId: 'item1' }, { author: 'me', now: 7 });
    expect(unknownClasses).toEqual(['zebra']);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ classId: 'car', attributes: { parked: false }, author: 'me', createdAt: 7 });
    expect(tracks[0]!.keyframes).toEqual([
      { frame: 0, box: { x: 1, y: 1, w: 10, h: 10 }, outside: false, source: 'model', score: 0.9 },
      { frame: 10, box: { x: 5, y: 5, w: 10, h: 10 }, outside: false, source: 'model', score: 0.8 },
    ]);
  });

  it('ends a track with an outside keyframe where the tracker lost the object', () => {
    const result = { tracks: [{ className: 'car', endFrame: 25, keyframes: [{ frame: 5, box: { x: 0, y: 0, w: 4, h: 4 }, score: 0.7 }, { frame: 15, box: { x: 2, y: 0, w: 4, h: 4 }, score: 0.6 }] }] };
    const { tracks } = tracksFromAutoTrack(result, testSchema, { projectId: 'p', itemId: 'i' }, { author: 'me', now: 1 });
    expect(tracks[0]!.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [5, false],
      [15, false],
      [25, true],
    ]);
  });
});
