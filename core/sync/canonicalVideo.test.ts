import { describe, expect, it } from 'vitest';
import { canonicalItemLabels, itemLabelHash, type CanonicalShape } from './canonicalLabels';
import { CANONICAL_VIDEO_VERSION, normalizeVideoLabels, type CanonicalVideoLabels } from './canonicalVideo';

const box = (x: number, y: number, w = 10, h = 10) => ({ x, y, w, h });

/** Deterministic shuffle (seeded). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const labels = (): CanonicalVideoLabels => ({
  frameCount: 100,
  tracks: [
    {
      className: 'person',
      attributes: { team: 'b', '10': 1, '2': true },
      keyframes: [
        { frame: 40, box: box(5, 5), attributes: { occluded: true } },
        { frame: 10, box: box(0.004, 1.006, 20, 30) },
        { frame: 60, box: box(5, 5), outside: true },
      ],
    },
    { className: 'car', keyframes: [{ frame: 0, box: box(1, 2) }] },
    { className: 'car', keyframes: [{ frame: 0, box: box(1, 1) }] },
  ],
  frameTags: [
    { className: 'rain', startFrame: 20, endFrame: 30 },
    { className: 'fog', startFrame: 0, endFrame: 4 },
    { className: 'rain', startFrame: 5, endFrame: 19 },
    { className: 'rain', startFrame: 31, endFrame: 31 },
    { className: 'rain', startFrame: 50, endFrame: 60 },
    { className: 'rain', startFrame: 55, endFrame: 58 },
  ],
  segments: [
    { startFrame: 50, endFrame: 99, tags: ['night', 'day', 'night'] },
    { startFrame: 0, endFrame: 49 },
  ],
});

const shapes: CanonicalShape[] = [
  { className: 'car', box: box(3, 3), frame: 7 },
  { className: 'car', box: box(3, 3), frame: 2 },
  { className: 'bus', box: box(0, 0), attributes: { parked: false } },
];

describe('canonical form version 2 (video items)', () => {
  it('writes the pinned text: frames, shapes with frames, tracks, merged frame tags, segments', () => {
    expect(canonicalItemLabels('clip-1', shapes, labels())).toBe(
      `{"v":2,"item":"clip-1","frames":100,` +
        `"shapes":[{"class":"bus","box":[0,0,10,10],"attributes":{"parked":false}},{"class":"car","box":[3,3,10,10],"frame":2},{"class":"car","box":[3,3,10,10],"frame":7}],` +
        `"tracks":[{"class":"car","keyframes":[{"frame":0,"box":[1,1,10,10]}]},{"class":"car","keyframes":[{"frame":0,"box":[1,2,10,10]}]},` +
        `{"class":"person","attributes":{"10":1,"2":true,"team":"b"},"keyframes":[{"frame":10,"box":[0,1.01,20,30]},{"frame":40,"box":[5,5,10,10],"attributes":{"occluded":true}},{"frame":60,"box":[5,5,10,10],"outside":true}]}],` +
        `"frameTags":[{"class":"fog","start":0,"end":4},{"class":"rain","start":5,"end":31},{"class":"rain","start":50,"end":60}],` +
        `"segments":[{"start":0,"end":49},{"start":50,"end":99,"tags":["day","night"]}]}`,
    );
    expect(CANONICAL_VIDEO_VERSION).toBe(2);
  });

  it('does not depend on the order of shapes, tracks, keyframes, tags or segments', () => {
    const reference = itemLabelHash('clip-1', shapes, labels());
    for (let seed = 1; seed <= 20; seed++) {
      const l = labels();
      const reordered: CanonicalVideoLabels = {
        frameCount: l.frameCount,
        tracks: shuffled(l.tracks, seed).map((t) => ({ ...t, keyframes: shuffled(t.keyframes, seed + 1) })),
        frameTags: shuffled(l.frameTags, seed + 2),
        segments: shuffled(l.segments, seed + 3),
      };
      expect(itemLabelHash('clip-1', shuffled(shapes, seed), reordered)).toBe(reference);
    }
  });

  it('keeps version 1 image hashes exactly as before video existed', () => {
    // Computed with core/sync at commit 9501c7a, before the version-2 form.
    const before = [
      { className: 'person', box: { x: 50.004, y: 12.345, w: 5, h: 20 }, attributes: { occluded: true, '10': 'x', '2': 3 } },
      { className: 'car', box: { x: 0, y: 0, w: 10.1, h: 10 } },
    ];
    expect(canonicalItemLabels('img-001.jpg', before)).toBe(
      '{"v":1,"item":"img-001.jpg","shapes":[{"class":"car","box":[0,0,10.1,10]},{"class":"person","box":[50,12.35,5,20],"attributes":{"10":"x","2":3,"occluded":true}}]}',
    );
    expect(itemLabelHash('img-001.jpg', before)).toBe('0x8ee0d9423b1fdf7304a7ab360e8f96e5cc677495016b6b67d550d9e822402d69');
    // Empty video labels are still a video item: never the version-1 hash.
    expect(itemLabelHash('img-001.jpg', before, { frameCount: 1, tracks: [], frameTags: [], segments: [] })).not.toBe(itemLabelHash('img-001.jpg', before));
  });

  it('merges overlapping and touching frame tags of one class only', () => {
    expect(normalizeVideoLabels(labels()).frameTags).toEqual([
      { className: 'fog', startFrame: 0, endFrame: 4 },
      { className: 'rain', startFrame: 5, endFrame: 31 },
      { className: 'rain', startFrame: 50, endFrame: 60 },
    ]);
    const twoClasses = normalizeVideoLabels({ frameCount: 10, tracks: [], frameTags: [{ className: 'a', startFrame: 0, endFrame: 4 }, { className: 'b', startFrame: 5, endFrame: 9 }], segments: [] });
    expect(twoClasses.frameTags).toHaveLength(2);
  });

  it('keeps outside keyframes and attributes, drops outside: false and empty attributes', () => {
    const n = normalizeVideoLabels({
      frameCount: 10,
      tracks: [{ className: 'car', attributes: {}, keyframes: [{ frame: 0, box: box(0, 0), outside: false as unknown as true, attributes: {} }, { frame: 5, box: box(0, 0), outside: true, attributes: { occluded: false } }] }],
      frameTags: [],
      segments: [],
    });
    expect(n.tracks).toEqual([{ className: 'car', keyframes: [{ frame: 0, box: box(0, 0) }, { frame: 5, box: box(0, 0), outside: true, attributes: { occluded: false } }] }]);
  });

  it('refuses segments that do not tile the video', () => {
    const seg = (startFrame: number, endFrame: number) => ({ startFrame, endFrame });
    const withSegments = (segments: { startFrame: number; endFrame: number }[]) => () => normalizeVideoLabels({ frameCount: 100, tracks: [], frameTags: [], segments });
    expect(withSegments([seg(1, 99)])).toThrow('segments must start at frame 0, the first starts at 1');
    expect(withSegments([seg(0, 40), seg(42, 99)])).toThrow('segments must tile the video: segment 1 starts at 42, the one before ends at 40');
    expect(withSegments([seg(0, 40), seg(40, 99)])).toThrow(/must tile the video/);
    expect(withSegments([seg(0, 40), seg(41, 98)])).toThrow('segments must end at the last frame 99, they end at 98');
    expect(withSegments([seg(0, 99)])).not.toThrow();
    expect(withSegments([])).not.toThrow();
    expect(withSegments([seg(50, 40)])).toThrow('segments[0]: endFrame 40 is before startFrame 50');
  });

  it('refuses frames past the end of the video, naming what holds them', () => {
    const base = labels();
    expect(() => normalizeVideoLabels({ ...base, frameCount: 50 })).toThrow('tracks[0].keyframes[2].frame is frame 60, but the video has 50 frames (0–49)');
    expect(() => normalizeVideoLabels({ ...base, tracks: [], frameCount: 58 })).toThrow('frameTags[4].endFrame is frame 60, but the video has 58 frames (0–57)');
    expect(() => normalizeVideoLabels({ ...base, tracks: [], frameTags: [], frameCount: 99 })).toThrow('segments[0].endFrame is frame 99, but the video has 99 frames (0–98)');
    expect(() => normalizeVideoLabels({ ...base, frameCount: 0 })).toThrow('frameCount must be a whole number ≥ 1, got 0');
    expect(() => normalizeVideoLabels({ ...base, tracks: [{ className: 'car', keyframes: [{ frame: -1, box: box(0, 0) }] }] })).toThrow('tracks[0].keyframes[0].frame must be a whole frame number ≥ 0, got -1');
    expect(() => normalizeVideoLabels({ ...base, tracks: [{ className: 'car', keyframes: [{ frame: 3, box: box(0, 0) }, { frame: 3, box: box(1, 0) }] }] })).toThrow('tracks[0]: two keyframes on frame 3');
    expect(() => normalizeVideoLabels({ ...base, tracks: [{ className: 'car', keyframes: [] }] })).toThrow('tracks[0]: a track needs at least one keyframe');
    // A single-frame box past the end, named by its place in the submitted shapes.
    expect(() => canonicalItemLabels('clip-1', [shapes[2]!, { className: 'car', box: box(0, 0), frame: 100 }], labels())).toThrow('shapes[1].frame is 100, but the video has 100 frames');
  });

  it('refuses a single-frame box (shape.frame) on an item without video labels', () => {
    expect(() => canonicalItemLabels('img-1', [{ className: 'car', box: box(0, 0) }, { className: 'car', box: box(0, 0), frame: 3 }])).toThrow('shapes[1] has a frame, but the item carries no video labels');
    expect(() => itemLabelHash('img-1', [{ className: 'car', box: box(0, 0), frame: 0 }])).toThrow(/no video labels/);
  });
});
