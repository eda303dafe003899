import type { CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import type { TrackMember, VideoMerging } from './videoReviewObjects';

export const ANN_A = '0xaaaa000000000000000000000000000000000001';
export const ANN_B = '0xbbbb000000000000000000000000000000000002';
export const ANN_C = '0xcccc000000000000000000000000000000000003';

export const FRAMES = 60;

const box = (x: number, y: number, w = 80, h = 60) => ({ x, y, w, h });
const track = (className: string, keyframes: CanonicalTrack['keyframes']): CanonicalTrack => ({ className, keyframes });

/**
 * A 60-frame item three annotators labeled: a car all three follow (C's
 * drifts away after frame 30), a person only B and C saw, a shot boundary
 * at 30 (C puts it at 40, and tags the second shot differently) and a
 * "night" frame tag A and B put on 0–59, C on 0–29.
 */
export function videoSubmissions(): Record<string, CanonicalVideoLabels> {
  const car = (drift: number): CanonicalTrack => track('car', [{ frame: 0, box: box(10, 10) }, { frame: 30, box: box(100, 40) }, { frame: 59, box: box(200 + drift, 80 + drift) }]);
  return {
    [ANN_A]: { frameCount: FRAMES, tracks: [car(0)], frameTags: [{ className: 'night', startFrame: 0, endFrame: 59 }], segments: [{ startFrame: 0, endFrame: 29, tags: ['street'] }, { startFrame: 30, endFrame: 59, tags: ['park'] }] },
    [ANN_B]: {
      frameCount: FRAMES,
      tracks: [car(2), track('person', [{ frame: 10, box: box(300, 200, 40, 90) }, { frame: 50, box: box(340, 210, 40, 90), outside: true }])],
      frameTags: [{ className: 'night', startFrame: 0, endFrame: 59 }],
      segments: [{ startFrame: 0, endFrame: 29, tags: ['street'] }, { startFrame: 30, endFrame: 59, tags: ['park'] }],
    },
    [ANN_C]: {
      frameCount: FRAMES,
      tracks: [track('person', [{ frame: 12, box: box(302, 202, 40, 90) }, { frame: 50, box: box(342, 212, 40, 90), outside: true }]), car(150)],
      frameTags: [{ className: 'night', startFrame: 0, endFrame: 29 }],
      segments: [{ startFrame: 0, endFrame: 39, tags: ['street'] }, { startFrame: 40, endFrame: 59, tags: ['yard'] }],
    },
  };
}

/** The dispute the hub would send for `videoSubmissions`, tracks and segments disputed, no cluster with a quorum (merged tracks: the members' first track with `testMerging`). */
export function videoDispute(overrides: Partial<Dispute['proposal']> = {}): Dispute {
  const videos = videoSubmissions();
  return {
    itemId: 'clip-1',
    taskId: 'task-v',
    sha256: 'd'.repeat(64),
    fileName: 'clip.mp4',
    width: 640,
    height: 360,
    video: { frameCount: FRAMES, fps: 30 },
    // Out of order on purpose: letters follow consensus order.
    submissions: [ANN_C, ANN_A, ANN_B].map((annotator) => ({ annotator, shapes: [], video: videos[annotator] })),
    proposal: {
      labels: [],
      clusters: [],
      video: { frameCount: FRAMES, tracks: [videos[ANN_A]!.tracks[0]!], frameTags: [{ className: 'night', startFrame: 0, endFrame: 59 }], segments: videos[ANN_A]!.segments },
      trackClusters: [
        {
          members: [
            { annotator: ANN_A, trackIndex: 0 },
            { annotator: ANN_B, trackIndex: 0 },
            { annotator: ANN_C, trackIndex: 1 },
          ],
          accepted: false,
        },
        {
          members: [
            { annotator: ANN_B, trackIndex: 1 },
            { annotator: ANN_C, trackIndex: 0 },
          ],
          accepted: false,
        },
      ],
      disputedParts: ['tracks', 'segments'],
      // The task's thresholds (the review forms consensus itself with them): tracks (IDF1 ≈ 0.82 < 0.9) and segments are disputed, the frame tags are not.
      options: { trackAcceptance: 0.9 },
      ...overrides,
    },
  };
}

/** A stand-in for core/consensus/video in unit tests: clusters by class, none with a quorum, the merged track is the first member's. */
export const testMerging: VideoMerging = {
  clusters: (subs) => {
    const byClass = new Map<string, { annotator: string; trackIndex: number }[]>();
    subs.forEach((s) => s.video.tracks.forEach((t, trackIndex) => byClass.set(t.className, [...(byClass.get(t.className) ?? []), { annotator: s.annotator, trackIndex }])));
    return [...byClass.values()].map((members) => ({ members, accepted: false }));
  },
  mergedTrack: (members: readonly TrackMember[]) => members[0]!.track,
};
