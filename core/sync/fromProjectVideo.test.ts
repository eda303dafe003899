import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../model/labelSchema';
import type { FrameTag, Track } from '../model/track';
import { vehicleClass } from '../model/testClasses';
import { canonicalItemLabels } from './canonicalLabels';
import { toCanonicalVideo } from './fromProjectVideo';

const car = vehicleClass();
const night = { ...car, id: 'cls_night', name: 'night', attributes: [] };
const schema: LabelSchema = { classes: [car, night] };

function track(over: Partial<Track> = {}): Track {
  return {
    id: 'trk_1',
    projectId: 'p',
    itemId: 'i',
    classId: car.id,
    attributes: { a_plate: 'AB-1' },
    keyframes: [
      { frame: 2, box: { x: 1, y: 2, w: 30, h: 20 }, outside: false, source: 'human' },
      { frame: 9, box: { x: 11.004, y: 2, w: 30, h: 20 }, outside: false, source: 'model', score: 0.8, attributes: { occluded: true } },
      { frame: 14, box: { x: 11, y: 2, w: 30, h: 20 }, outside: true, source: 'human' },
    ],
    author: 'me',
    createdAt: 1,
    updatedAt: 1,
    version: 1,
    ...over,
  };
}

function tag(over: Partial<FrameTag> = {}): FrameTag {
  return { id: 'tag_1', projectId: 'p', itemId: 'i', classId: night.id, startFrame: 3, endFrame: 7, author: 'me', createdAt: 1, ...over };
}

describe('toCanonicalVideo', () => {
  it('names classes and attributes, keeps frames, outside and per-frame flags, drops source and score', () => {
    const video = toCanonicalVideo({ frameCount: 20, tracks: [track()], frameTags: [tag()], segments: [{ startFrame: 0, endFrame: 9, score: 0, tags: ['indoor'] }, { startFrame: 10, endFrame: 19, score: 0.7, tags: [] }] }, schema);
    expect(video).toEqual({
      frameCount: 20,
      tracks: [
        {
          className: 'car',
          attributes: { plate: 'AB-1' },
          keyframes: [
            { frame: 2, box: { x: 1, y: 2, w: 30, h: 20 } },
            { frame: 9, box: { x: 11.004, y: 2, w: 30, h: 20 }, attributes: { occluded: true } },
            { frame: 14, box: { x: 11, y: 2, w: 30, h: 20 }, outside: true },
          ],
        },
      ],
      frameTags: [{ className: 'night', startFrame: 3, endFrame: 7 }],
      segments: [{ startFrame: 0, endFrame: 9, tags: ['indoor'] }, { startFrame: 10, endFrame: 19 }],
    });
    // The v2 canonical text holds it all: names, not ids, and no source/score.
    const text = canonicalItemLabels('hub-item', [], video);
    expect(text).toContain('"v":2');
    expect(text).toContain('"frames":20');
    expect(text).toContain('{"class":"car","attributes":{"plate":"AB-1"},"keyframes":[{"frame":2,"box":[1,2,30,20]},{"frame":9,"box":[11,2,30,20],"attributes":{"occluded":true}},{"frame":14,"box":[11,2,30,20],"outside":true}]}');
    expect(text).toContain('"frameTags":[{"class":"night","start":3,"end":7}]');
    expect(text).not.toMatch(/model|score|trk_1|cls_/);
  });

  it('two projects with other class ids give the same canonical text', () => {
    const other: LabelSchema = { classes: [{ ...car, id: 'x', attributes: car.attributes.map((a) => ({ ...a, id: `x_${a.id}` })) }, { ...night, id: 'y' }] };
    const here = toCanonicalVideo({ frameCount: 20, tracks: [track()], frameTags: [tag()], segments: null }, schema);
    const there = toCanonicalVideo({ frameCount: 20, tracks: [track({ classId: 'x', attributes: { x_a_plate: 'AB-1' } })], frameTags: [tag({ classId: 'y' })], segments: null }, other);
    expect(canonicalItemLabels('i', [], there)).toBe(canonicalItemLabels('i', [], here));
  });

  it('refuses an unknown class or attribute, naming the track or tag by id', () => {
    expect(() => toCanonicalVideo({ frameCount: 20, tracks: [track({ id: 'trk_gone', classId: 'gone' })], frameTags: [], segments: null }, schema)).toThrow('track trk_gone has class id "gone"');
    expect(() => toCanonicalVideo({ frameCount: 20, tracks: [track({ id: 'trk_a', attributes: { a_x: 1 } })], frameTags: [], segments: null }, schema)).toThrow('track trk_a has attribute "a_x"');
    expect(() => toCanonicalVideo({ frameCount: 20, tracks: [], frameTags: [tag({ id: 'tag_9', classId: 'gone' })], segments: null }, schema)).toThrow('frame tag tag_9 has class id "gone"');
  });

  it('refuses labels past the video, naming the record, and a frame count that is not one', () => {
    expect(() => toCanonicalVideo({ frameCount: 12, tracks: [track({ id: 'trk_long' })], frameTags: [], segments: null }, schema)).toThrow(/^track trk_long: keyframes\[2\]\.frame is frame 14, but the video has 12 frames/);
    expect(() => toCanonicalVideo({ frameCount: 20, tracks: [], frameTags: [tag({ id: 'tag_x', startFrame: 8, endFrame: 25 })], segments: null }, schema)).toThrow(/^frame tag tag_x: endFrame is frame 25/);
    expect(() => toCanonicalVideo({ frameCount: 30, tracks: [], frameTags: [], segments: [{ startFrame: 0, endFrame: 19, score: 0, tags: [] }] }, schema)).toThrow(/^shots: segments must end at the last frame 29/);
    expect(() => toCanonicalVideo({ frameCount: 0, tracks: [], frameTags: [], segments: null }, schema)).toThrow('frame count is 0');
  });

  it('an item with nothing on it is an answer too: frame count alone', () => {
    expect(toCanonicalVideo({ frameCount: 5, tracks: [], frameTags: [], segments: [] }, schema)).toEqual({ frameCount: 5, tracks: [], frameTags: [], segments: [] });
  });
});
