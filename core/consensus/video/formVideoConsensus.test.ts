import { describe, expect, it } from 'vitest';
import { normalizeVideoLabels } from '../../sync/canonicalVideo';
import { formVideoConsensus } from './formVideoConsensus';
import { videoAgreesWith } from './videoAgreesWith';
import { shuffled } from '../testKit';
import { resolveVideoConsensusOptions } from './options';
import { box, int, kf, randomSegments, randomTrack, rng, submission, track, video } from './testKit';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS, type VideoConsensusOptions } from './types';

describe('formVideoConsensus: full agreement', () => {
  it('annotators in full agreement produce exactly their normalized tracks, tags and segments, accepted with score 1', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(seed);
      const frameCount = 30 + Math.floor(r() * 600);
      const v = video(frameCount, {
        tracks: [randomTrack(r, frameCount), randomTrack(r, frameCount, 'person'), randomTrack(r, frameCount)],
        frameTags: [
          { className: 'rain', startFrame: 2, endFrame: Math.min(frameCount - 1, 25) },
          { className: 'blur', startFrame: Math.floor(frameCount / 2), endFrame: frameCount - 1 },
        ],
        segments: randomSegments(r, frameCount),
      });
      const result = formVideoConsensus(['0xA', '0xb', '0xC'].map((a) => submission(a, v)));
      expect(result.labels.video, `seed ${seed}`).toEqual(normalizeVideoLabels(v));
      expect(result.status).toBe('accepted');
      expect(result.score).toBe(1);
      expect(result.annotators.map((a) => [a.idf1, a.tagAgreement, a.segmentAgreement])).toEqual([
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ]);
      expect(videoAgreesWith({ shapes: [], video: v }, result.labels)).toBe(true);
    }
  });
});

const A = '0xaaaa000000000000000000000000000000000001';
const B = '0xbbbb000000000000000000000000000000000002';
const C = '0xcccc000000000000000000000000000000000003';
const FRAMES = 300;

/** The object every annotator tracks: moving right and down over the whole video. */
const truth = (f: number) => box(f, f / 3, 40, 40);
const keyed = (frames: number[], at: (f: number) => ReturnType<typeof box>, className = 'car') => track(className, frames.map((f) => kf(f, at(f))));
const agentOf = (result: ReturnType<typeof formVideoConsensus>, annotator: string) => result.annotators.find((a) => a.annotator === annotator)!;

describe('formVideoConsensus: one drifting annotator out of three', () => {
  const good = keyed([0, 100, 200, 299], truth);
  const drifting = (by: number) => keyed([0, 150, 299], (f) => ({ ...truth(f), x: truth(f).x + (by * f) / 299 }));

  for (const [name, drift, agrees] of [
    ['a mild drift (20 px by the end)', 20, true],
    ['a strong drift (120 px by the end)', 120, false],
  ] as const) {
    it(`is outvoted: ${name} — the consensus is the two agreeing tracks exactly`, () => {
      const result = formVideoConsensus([submission(A, video(FRAMES, { tracks: [good] })), submission(B, video(FRAMES, { tracks: [good] })), submission(C, video(FRAMES, { tracks: [drifting(drift)] }))]);
      expect(result.labels.video.tracks).toEqual(normalizeVideoLabels(video(FRAMES, { tracks: [good] })).tracks);
      expect(result.status).toBe('accepted');
      expect(agentOf(result, A).idf1).toBe(1);
      expect(agentOf(result, C).idf1).toBeLessThan(1);
      expect(videoAgreesWith({ shapes: [], video: video(FRAMES, { tracks: [good] }) }, result.labels)).toBe(true);
      expect(videoAgreesWith({ shapes: [], video: video(FRAMES, { tracks: [drifting(drift)] }) }, result.labels)).toBe(agrees);
    });
  }

  it('the stronger the drift, the lower the drifter’s IDF1', () => {
    const idf1 = (drift: number) =>
      agentOf(formVideoConsensus([submission(A, video(FRAMES, { tracks: [good] })), submission(B, video(FRAMES, { tracks: [good] })), submission(C, video(FRAMES, { tracks: [drifting(drift)] }))]), C).idf1;
    const values = [0, 15, 25, 60].map(idf1);
    expect(values[0]).toBe(1);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]!);
  });
});

describe('formVideoConsensus: two tracks swapped by identity halfway', () => {
  // Two still objects far apart; the swapper follows one, then the other from frame 150 on.
  const o1 = box(0, 0, 40, 40);
  const o2 = box(500, 0, 40, 40);
  const right = [track('car', [kf(0, o1)]), track('car', [kf(0, o2)])];
  const swapped = [track('car', [kf(0, o1), kf(149, o1), kf(150, o2)]), track('car', [kf(0, o2), kf(149, o2), kf(150, o1)])];

  it('two annotators (one swapped): a disagreement, the item is disputed', () => {
    const result = formVideoConsensus([submission(A, video(FRAMES, { tracks: right })), submission(B, video(FRAMES, { tracks: swapped }))]);
    expect(result.status).toBe('disputed');
    expect(result.disputedParts).toEqual(['tracks']);
    expect(result.scores.tracks).toBeCloseTo(0.5, 10);
    expect(videoAgreesWith({ shapes: [], video: video(FRAMES, { tracks: swapped }) }, { shapes: [], video: video(FRAMES, { tracks: right }) })).toBe(false);
  });

  it('three annotators (two right, one swapped): accepted with the right tracks, the swapper does not agree', () => {
    const result = formVideoConsensus([submission(A, video(FRAMES, { tracks: right })), submission(B, video(FRAMES, { tracks: right })), submission(C, video(FRAMES, { tracks: swapped }))]);
    expect(result.status).toBe('accepted');
    expect(result.labels.video.tracks).toEqual(normalizeVideoLabels(video(FRAMES, { tracks: right })).tracks);
    expect(agentOf(result, C).idf1).toBeCloseTo(0.5, 10);
    expect(result.scores.tracks).toBeCloseTo(2.5 / 3, 10);
    const agree = [right, right, swapped].map((tracks) => videoAgreesWith({ shapes: [], video: video(FRAMES, { tracks }) }, result.labels));
    expect(agree).toEqual([true, true, false]);
  });
});

describe('formVideoConsensus: segments', () => {
  const seg = (startFrame: number, endFrame: number, ...tags: string[]) => (tags.length ? { startFrame, endFrame, tags } : { startFrame, endFrame });

  it('one annotator tagging the shot differently out of three: the majority’s tags win, the segments are disputed at 2/3', () => {
    const result = formVideoConsensus([
      submission(A, video(100, { segments: [seg(0, 99, 'day')] })),
      submission(B, video(100, { segments: [seg(0, 99, 'day')] })),
      submission(C, video(100, { segments: [seg(0, 99, 'night')] })),
    ]);
    expect(result.labels.video.segments).toEqual([seg(0, 99, 'day')]);
    expect(result.annotators.map((a) => a.segmentAgreement)).toEqual([1, 1, 0]);
    expect(result.scores.segments).toBeCloseTo(2 / 3, 12);
    expect(result.status).toBe('disputed');
    expect(result.disputedParts).toEqual(['segments']);
    expect(result.score).toBeCloseTo(2 / 3, 12);
  });

  it('one of two shots tagged differently costs half: 0.5 for the dissenter, 5/6 for the item, accepted', () => {
    const result = formVideoConsensus([
      submission(A, video(100, { segments: [seg(0, 49, 'day'), seg(50, 99, 'night')] })),
      submission(B, video(100, { segments: [seg(0, 49, 'day'), seg(50, 99, 'night')] })),
      submission(C, video(100, { segments: [seg(0, 49, 'day'), seg(50, 99, 'day')] })),
    ]);
    expect(result.labels.video.segments).toEqual([seg(0, 49, 'day'), seg(50, 99, 'night')]);
    expect(result.annotators.map((a) => a.segmentAgreement)).toEqual([1, 1, 0.5]);
    expect(result.status).toBe('accepted');
  });

  it('boundaries within the tolerance agree (at the median one), beyond it they do not', () => {
    const cut = (at: number) => video(100, { segments: [seg(0, at - 1), seg(at, 99)] });
    const within = formVideoConsensus([submission(A, cut(50)), submission(B, cut(53)), submission(C, cut(48))]);
    expect(within.labels.video.segments).toEqual([seg(0, 49), seg(50, 99)]);
    expect(within.annotators.map((a) => a.segmentAgreement)).toEqual([1, 1, 1]);
    const beyond = formVideoConsensus([submission(A, cut(50)), submission(B, cut(50)), submission(C, cut(56))]);
    expect(beyond.labels.video.segments).toEqual([seg(0, 49), seg(50, 99)]);
    expect(beyond.annotators.map((a) => a.segmentAgreement)).toEqual([1, 1, 0]);
    expect(formVideoConsensus([submission(A, cut(50)), submission(B, cut(50)), submission(C, cut(56))], { boundaryTolerance: 6 }).annotators.map((a) => a.segmentAgreement)).toEqual([1, 1, 1]);
    // Every boundary on its own: none has a quorum, one segment remains and nobody's boundary matches it.
    const scattered = formVideoConsensus([submission(A, cut(20)), submission(B, cut(50)), submission(C, cut(80))]);
    expect(scattered.labels.video.segments).toEqual([seg(0, 99)]);
    expect(scattered.scores.segments).toBe(0);
  });

  it('no segments unless a majority submitted segments', () => {
    const result = formVideoConsensus([submission(A, video(100, { segments: [seg(0, 99, 'day')] })), submission(B, video(100)), submission(C, video(100))]);
    expect(result.labels.video.segments).toEqual([]);
    expect(result.annotators.map((a) => a.segmentAgreement)).toEqual([0, 1, 1]);
  });
});

describe('formVideoConsensus: frame tags', () => {
  it('keeps a tag on the frames a majority has it on; agreement is the Jaccard index of (frame, tag) pairs', () => {
    const tags = (className: string, startFrame: number, endFrame: number) => [{ className, startFrame, endFrame }];
    const result = formVideoConsensus([
      submission(A, video(100, { frameTags: tags('rain', 0, 49) })),
      submission(B, video(100, { frameTags: tags('rain', 10, 59) })),
      submission(C, video(100, { frameTags: [...tags('rain', 20, 99), ...tags('fog', 0, 9)] })),
    ]);
    expect(result.labels.video.frameTags).toEqual(tags('rain', 10, 59));
    expect(result.annotators.map((a) => a.tagAgreement)).toEqual([40 / 60, 1, 40 / 100]);
    expect(result.scores.frameTags).toBeCloseTo((40 / 60 + 1 + 0.4) / 3, 12);
    expect(result.disputedParts).toEqual(['frameTags']);
  });
});

describe('formVideoConsensus: single-frame boxes', () => {
  it('are decided per frame as images and counted in the IDF1', () => {
    const car = (frame: number, x = 0) => ({ className: 'car', box: box(x, 0), frame });
    const result = formVideoConsensus([
      submission(A, video(FRAMES), [car(10), car(20, 100)]),
      submission(B, video(FRAMES), [car(10, 1), car(20, 100)]),
      submission(C, video(FRAMES), [{ ...car(10), className: 'truck' }, car(30)]),
    ]);
    expect(result.labels.shapes).toEqual([car(10), car(20, 100)]);
    expect(agentOf(result, C).boxes).toMatchObject({ shapes: 2, agreed: 0, wrongClass: 1, missed: 1, extra: 1, agreement: 0 });
    expect(agentOf(result, C)).toMatchObject({ idtp: 0, idfp: 2, idfn: 2, idf1: 0 });
    expect(agentOf(result, A)).toMatchObject({ idtp: 2, idfp: 0, idfn: 0, idf1: 1 });
    expect(result.boxClusters.find((c) => c.members.some((m) => m.annotator === C && m.shape.frame === 30))!.members[0]!.shapeIndex).toBe(1);
    expect(videoAgreesWith({ shapes: [car(10, 1), car(20, 100)], video: video(FRAMES) }, result.labels)).toBe(true);
    expect(videoAgreesWith({ shapes: [car(11, 1), car(20, 100)], video: video(FRAMES) }, result.labels)).toBe(false);
  });
});

describe('formVideoConsensus: order independence', () => {
  /** The result with submitted indexes left out (they follow the input order by design). */
  const comparable = (result: ReturnType<typeof formVideoConsensus>) => ({
    ...result,
    trackClusters: result.trackClusters.map((c) => ({ ...c, members: c.members.map(({ annotator, track: t }) => ({ annotator, track: normalizeVideoLabels(video(1000, { tracks: [t] })).tracks[0] })) })),
    boxClusters: result.boxClusters.map((c) => ({ ...c, members: c.members.map(({ annotator, shape }) => ({ annotator, shape })), representative: c.representative?.annotator ?? null })),
  });

  it('gives the same result whatever the order of submissions, tracks, tags, segments and boxes', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const r = rng(seed * 101);
      const frameCount = 1000;
      const objects = Array.from({ length: 4 }, (_, i) => randomTrack(r, frameCount, i % 2 ? 'person' : 'car'));
      const submissions = ['0xA1', '0xb2', '0xC3', '0xd4'].slice(0, 2 + (seed % 3)).map((annotator) =>
        submission(
          annotator,
          video(frameCount, {
            tracks: objects
              .filter(() => r() < 0.85)
              .map((o) => ({ ...o, keyframes: o.keyframes.map((k) => ({ ...k, box: { ...k.box, x: k.box.x + int(r, -300, 300) / 100 } })) })),
            frameTags: [{ className: 'rain', startFrame: int(r, 0, 100), endFrame: int(r, 200, 400) }, { className: 'fog', startFrame: int(r, 0, 100), endFrame: int(r, 100, 999) }],
            segments: [{ startFrame: 0, endFrame: int(r, 200, 210), tags: ['a'] }].map((s) => [s, { startFrame: s.endFrame + 1, endFrame: 999, ...(r() < 0.5 ? { tags: ['b'] } : {}) }]).flat(),
          }),
          [{ className: 'car', box: box(int(r, 0, 4), 0), frame: 5 }, { className: 'car', box: box(50, 50), frame: int(r, 5, 6) }],
        ),
      );
      const reference = comparable(formVideoConsensus(submissions));
      for (let k = 1; k <= 4; k++) {
        const reordered = shuffled(submissions, seed * 10 + k).map((s, i) => ({
          ...s,
          shapes: shuffled(s.shapes, i + k),
          video: { ...s.video, tracks: shuffled(s.video.tracks, i * 3 + k), frameTags: shuffled(s.video.frameTags, k), segments: shuffled(s.video.segments, k + 1) },
        }));
        expect(comparable(formVideoConsensus(reordered)), `seed ${seed} order ${k}`).toEqual(reference);
      }
    }
  });

  it('points trackIndex and shapeIndex into the submitted arrays', () => {
    const t1 = track('car', [kf(0, box(0, 0))]);
    const t2 = track('person', [kf(0, box(300, 0))]);
    const result = formVideoConsensus([submission(A, video(10, { tracks: [t2, t1] })), submission(B, video(10, { tracks: [t1, t2] }))]);
    const carCluster = result.trackClusters.find((c) => c.votes[0]!.className === 'car')!;
    expect(carCluster.members.map((m) => [m.annotator, m.trackIndex])).toEqual([
      [A, 1],
      [B, 0],
    ]);
  });
});

describe('formVideoConsensus: refusals and options', () => {
  it('refuses no submission, an annotator twice, and different frame counts', () => {
    expect(() => formVideoConsensus([])).toThrow(/at least one submission/);
    expect(() => formVideoConsensus([submission('0xAb', video(10)), submission('0xaB', video(10))])).toThrow(/submitted twice/);
    expect(() => formVideoConsensus([submission(A, video(10)), submission(B, video(11))])).toThrow(/frame count/);
    expect(() => formVideoConsensus([submission(A, video(10, { tracks: [track('car', [kf(10, box(0, 0))])] }))])).toThrow(/tracks\[0\]/);
  });

  it('validates every option and fills in the defaults', () => {
    expect(resolveVideoConsensusOptions()).toEqual(DEFAULT_VIDEO_CONSENSUS_OPTIONS);
    expect(resolveVideoConsensusOptions({ boundaryTolerance: 12, trackIouThreshold: undefined })).toEqual({ ...DEFAULT_VIDEO_CONSENSUS_OPTIONS, boundaryTolerance: 12 });
    const bad: [VideoConsensusOptions, RegExp][] = [
      [{ trackIouThreshold: 0 }, /trackIouThreshold must be in \(0, 1\], got 0/],
      [{ frameIouThreshold: 1.5 }, /frameIouThreshold must be in \(0, 1\]/],
      [{ quorumShare: 1 }, /quorumShare must be in \[0, 1\)/],
      [{ quorumShare: -0.1 }, /quorumShare/],
      [{ trackAcceptance: Number.NaN }, /trackAcceptance must be in \[0, 1\], got NaN/],
      [{ tagAcceptance: 2 }, /tagAcceptance/],
      [{ segmentAcceptance: -1 }, /segmentAcceptance/],
      [{ boundaryTolerance: 1.5 }, /boundaryTolerance must be a whole number of frames ≥ 0/],
      [{ boundaryTolerance: -1 }, /boundaryTolerance/],
      [{ keyframeTolerance: -0.5 }, /keyframeTolerance must be a finite number of pixels ≥ 0/],
      [{ keyframeTolerance: Infinity }, /keyframeTolerance/],
      [{ trackIouThreshold: '0.5' as unknown as number }, /trackIouThreshold/],
    ];
    for (const [options, message] of bad) {
      expect(() => resolveVideoConsensusOptions(options)).toThrow(message);
      expect(() => formVideoConsensus([submission(A, video(10))], options)).toThrow(message);
      expect(() => videoAgreesWith({ shapes: [], video: video(10) }, { shapes: [], video: video(10) }, options)).toThrow(message);
    }
  });

  it('videoAgreesWith needs the same frame count', () => {
    expect(videoAgreesWith({ shapes: [], video: video(10) }, { shapes: [], video: video(10) })).toBe(true);
    expect(videoAgreesWith({ shapes: [], video: video(10) }, { shapes: [], video: video(11) })).toBe(false);
  });
});

describe('formVideoConsensus: long videos', () => {
  it('costs keyframes, not frames: 6,000,000 frames with still and short moving tracks, far tags and segments', { timeout: 120_000 }, () => {
    const frameCount = 6_000_000;
    const still = track('car', [kf(0, box(0, 0, 50, 50))]);
    const moving = (dx: number) => track('person', [kf(3_000_000, box(100 + dx, 0)), kf(3_000_100, box(200 + dx, 0)), kf(3_000_101, box(200 + dx, 0), { outside: true })]);
    const labelsOf = (dx: number, tagEnd: number, cut: number) =>
      video(frameCount, {
        tracks: [still, moving(dx)],
        frameTags: [{ className: 'rain', startFrame: 1_000_000, endFrame: tagEnd }],
        segments: [
          { startFrame: 0, endFrame: cut - 1, tags: ['day'] },
          { startFrame: cut, endFrame: frameCount - 1, tags: ['night'] },
        ],
      });
    const result = formVideoConsensus([submission(A, labelsOf(0, 4_999_999, 2_000_000)), submission(B, labelsOf(0, 4_999_999, 2_000_003)), submission(C, labelsOf(1, 5_999_999, 2_000_001))]);
    expect(result.status).toBe('accepted');
    expect(result.labels.video.tracks).toEqual(normalizeVideoLabels(video(frameCount, { tracks: [still, moving(0)] })).tracks);
    expect(result.labels.video.frameTags).toEqual([{ className: 'rain', startFrame: 1_000_000, endFrame: 4_999_999 }]);
    expect(result.labels.video.segments).toEqual([
      { startFrame: 0, endFrame: 2_000_000, tags: ['day'] },
      { startFrame: 2_000_001, endFrame: frameCount - 1, tags: ['night'] },
    ]);
    expect(result.annotators.map((a) => a.tagAgreement)).toEqual([1, 1, 4_000_000 / 5_000_000]);
    expect(result.annotators.map((a) => a.idf1)).toEqual([1, 1, 1]);
  });
});

describe('formVideoConsensus: classes and attributes', () => {
  const path = (className: string, attributes?: Record<string, string>, occluded?: boolean[]) =>
    track(
      className,
      [0, 50, 99].map((f, i) => kf(f, box(f, 0, 40, 40), occluded ? { attributes: { occluded: occluded[i]! } } : {})),
      attributes,
    );

  it('votes the class over all annotators: a wrong class costs that annotator every frame, a tie leaves the cluster unaccepted', () => {
    const result = formVideoConsensus([submission(A, video(100, { tracks: [path('car')] })), submission(B, video(100, { tracks: [path('car')] })), submission(C, video(100, { tracks: [path('truck')] }))]);
    expect(result.trackClusters).toHaveLength(1);
    expect(result.trackClusters[0]!.votes).toEqual([
      { className: 'car', count: 2 },
      { className: 'truck', count: 1 },
    ]);
    expect(result.labels.video.tracks.map((t) => t.className)).toEqual(['car']);
    expect(agentOf(result, C)).toMatchObject({ idtp: 0, idfp: 100, idfn: 100, idf1: 0 });
    expect(videoAgreesWith({ shapes: [], video: video(100, { tracks: [path('truck')] }) }, result.labels)).toBe(false);
    const tie = formVideoConsensus([submission(A, video(100, { tracks: [path('car')] })), submission(B, video(100, { tracks: [path('truck')] }))]);
    expect(tie.trackClusters[0]!.accepted).toBe(false);
    expect(tie.labels.video.tracks).toEqual([]);
    expect(tie.status).toBe('disputed');
  });

  it('keeps keyframe attributes a strict majority holds and the track attributes of the member nearest the consensus', () => {
    const result = formVideoConsensus([
      submission(A, video(100, { tracks: [path('car', { id: 'a' }, [true, false, false])] })),
      submission(B, video(100, { tracks: [path('car', { id: 'b' }, [true, true, false])] })),
      submission(C, video(100, { tracks: [path('car', { id: 'c' }, [false, true, true])] })),
    ]);
    const [consensus] = result.labels.video.tracks;
    expect(consensus!.keyframes.map((k) => k.attributes)).toEqual([{ occluded: true }, { occluded: true }, { occluded: false }]);
    // All three follow the same path: the first annotator's attributes on the tie.
    expect(consensus!.attributes).toEqual({ id: 'a' });
    expect(result.trackClusters[0]!.meanTrackIou).toBe(1);
  });
});
