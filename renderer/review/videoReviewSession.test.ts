import { describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { ReviewError } from './reviewTypes';
import { ANN_A, ANN_B, ANN_C, FRAMES, testMerging, videoDispute, videoSubmissions } from './videoReviewTestKit';
import { coreVideoMerging } from './videoMerging';
import { VideoReviewSession } from './videoReviewSession';

const session = (draft?: unknown) => new VideoReviewSession(videoDispute(), testMerging, FRAMES, draft);

describe('VideoReviewSession', () => {
  it('makes one part per track cluster, then the segmentation and the frame tags; disputed kinds wait, the rest start merged', () => {
    const s = session();
    expect(s.annotators).toEqual([ANN_A, ANN_B, ANN_C]);
    expect(s.parts.map((p) => p.kind)).toEqual(['track', 'track', 'segments', 'frameTags']);
    expect(s.parts[0]!.kind === 'track' && s.parts[0]!.members.map((m) => m.annotator)).toEqual([ANN_A, ANN_B, ANN_C]);
    expect(s.unresolved()).toEqual([0, 1, 2]);
    expect(s.choice(3)).toEqual({ kind: 'merged' });
    expect(() => s.verdict()).toThrow(ReviewError);
    expect(() => s.verdict()).toThrow('decide every part first: track 1, track 2, segments still open');
  });

  it('takes an annotator per track and per segmentation, merged, drop; each is one undo step', () => {
    const s = session();
    const subs = videoSubmissions();
    s.takeAnnotator(0, 2); // C's drifting car
    expect(s.finalTrack(0)).toEqual(subs[ANN_C]!.tracks[1]);
    s.takeMerged(0);
    expect(s.finalTrack(0)).toEqual(subs[ANN_A]!.tracks[0]);
    s.drop(1);
    expect(s.finalTrack(1)).toBeNull();
    s.takeAnnotator(2, ANN_C);
    expect(() => s.takeAnnotator(1, 0)).toThrow("annotator A has no track 2 here");
    expect(() => s.takeAnnotator(0, 5)).toThrow('there is no annotator F on this item');
    expect(s.unresolved()).toEqual([]);
    s.undo();
    expect(s.choice(2)).toEqual({ kind: 'undecided' });
    s.undo();
    expect(s.choice(1)).toEqual({ kind: 'undecided' });
    s.redo();
    s.redo();
    expect(s.choice(2)).toEqual({ kind: 'annotator', annotator: ANN_C });
  });

  it('redraws a track through the workbench track edits: a moved box is a keyframe on that frame, O toggles outside', () => {
    const s = session();
    s.takeAnnotator(0, ANN_B);
    s.setKeyframe(0, 45, { x: 150, y: 60, w: 80, h: 60 });
    const track = s.finalTrack(0)!;
    expect(s.choice(0).kind).toBe('drawn');
    expect(track.className).toBe('car');
    expect(track.keyframes.map((k) => k.frame)).toEqual([0, 30, 45, 59]);
    expect(track.keyframes[2]).toEqual({ frame: 45, box: { x: 150, y: 60, w: 80, h: 60 } });
    s.toggleOutside(0, 50);
    expect(s.finalTrack(0)!.keyframes.find((k) => k.frame === 50)).toMatchObject({ outside: true });
    s.undo();
    expect(s.finalTrack(0)!.keyframes.map((k) => k.frame)).toEqual([0, 30, 45, 59]);
    s.undo();
    expect(s.choice(0)).toEqual({ kind: 'annotator', annotator: ANN_B });
    // A dropped track redrawn starts again from the box drawn, under the merged track's class.
    s.drop(1);
    s.setKeyframe(1, 20, { x: 1, y: 2, w: 3, h: 4 });
    expect(s.finalTrack(1)).toEqual({ className: 'person', keyframes: [{ frame: 20, box: { x: 1, y: 2, w: 3, h: 4 } }] });
    expect(() => s.setKeyframe(2, 1, { x: 0, y: 0, w: 1, h: 1 })).toThrow(/segments cannot be redrawn/);
    expect(() => s.setKeyframe(0, FRAMES, { x: 0, y: 0, w: 1, h: 1 })).toThrow('frame 60 is not in the video (0–59)');
  });

  it('gives the verdict in canonical form over the dispute frame count, with the v2 hash the hub checks', () => {
    const s = session();
    const subs = videoSubmissions();
    s.takeMerged(0);
    s.takeAnnotator(1, ANN_B);
    s.takeAnnotator(2, ANN_A);
    s.drop(3);
    const v = s.verdict();
    expect(v.video.frameCount).toBe(FRAMES);
    expect(v.video.tracks).toHaveLength(2);
    expect(v.video.segments).toEqual(subs[ANN_A]!.segments);
    expect(v.video.frameTags).toEqual([]);
    expect(v.reasons).toEqual([
      { index: 0, reason: 'ok' },
      { index: 1, reason: 'ok' },
      { index: 2, reason: 'ok' },
      { index: 3, reason: 'ok' },
    ]);
    const expected = { frameCount: FRAMES, tracks: [subs[ANN_B]!.tracks[1]!, subs[ANN_A]!.tracks[0]!], frameTags: [], segments: subs[ANN_A]!.segments };
    expect(itemLabelHash('clip-1', v.shapes, v.video)).toBe(itemLabelHash('clip-1', [], expected));
    s.drop(0);
    expect(s.verdict().reasons[0]).toEqual({ index: 0, reason: 'extra_object' });
  });

  it('discards a saved draft made for other parts (same count, other members) and tells the reviewer', () => {
    const s = session();
    s.takeAnnotator(0, ANN_A);
    const saved = JSON.parse(JSON.stringify(s.getDraft())) as { decisions: unknown[]; fingerprint?: string };
    expect(session(saved).notice).toBeNull();
    expect(session(saved).getDraft().decisions[0]).toEqual({ kind: 'annotator', annotator: ANN_A });
    // The same number of parts, but the clusters changed (here: C's tracks in the other order).
    const d = videoDispute();
    const swapped = { ...d, submissions: d.submissions.map((x) => (x.annotator === ANN_C ? { ...x, video: { ...x.video!, tracks: [...x.video!.tracks].reverse() } } : x)) };
    const other = new VideoReviewSession(swapped, testMerging, FRAMES, saved);
    expect(other.partCount).toBe(s.partCount);
    expect(other.getDraft().decisions[0]).toEqual({ kind: 'undecided' });
    expect(other.getSnapshot().notice).toContain('the saved draft was for other parts of this clip');
    // A draft from before fingerprints, position only: discarded too.
    expect(session({ kind: 'video', decisions: saved.decisions }).notice).toContain('discarded');
  });

  it('resumes a saved draft and ignores one of another shape', () => {
    const s = session();
    s.takeAnnotator(0, ANN_A);
    s.takeAnnotator(2, ANN_C);
    const saved = JSON.parse(JSON.stringify(s.getDraft())) as unknown;
    const resumed = session(saved);
    expect(resumed.getDraft()).toEqual(s.getDraft());
    expect(resumed.getSnapshot().canUndo).toBe(false);
    expect(session({ decisions: [] }).unresolved()).toEqual([0, 1, 2]);
    expect(session({ kind: 'video', decisions: [{ kind: 'merged' }] }).unresolved()).toEqual([0, 1, 2]);
  });

  it('starts what the local consensus did not dispute as it has it: an accepted cluster merged, one left out dropped', () => {
    const firstAccepted = { ...testMerging, clusters: (subs: Parameters<typeof testMerging.clusters>[0]) => testMerging.clusters(subs).map((c, i) => ({ ...c, accepted: i === 0 })) };
    // Default thresholds: only the segments are disputed.
    const s = new VideoReviewSession(videoDispute({ options: undefined }), firstAccepted, FRAMES);
    expect(s.getDraft().decisions).toEqual([{ kind: 'merged' }, { kind: 'drop' }, { kind: 'undecided' }, { kind: 'merged' }]);
    const both = new VideoReviewSession(videoDispute(), firstAccepted, FRAMES);
    expect(both.getDraft().decisions[0]).toEqual({ kind: 'merged' });
    expect(both.getDraft().decisions[1]).toEqual({ kind: 'undecided' });
  });

  it("never signs the hub's proposal: a forged track, accepted clusters and 'tracks' not disputed are ignored", () => {
    const forged = { className: 'forged', keyframes: [{ frame: 0, box: { x: 1, y: 1, w: 5, h: 5 } }] };
    const d = videoDispute({
      disputedParts: ['segments'],
      trackClusters: [{ members: [{ annotator: ANN_A, trackIndex: 0 }, { annotator: ANN_A, trackIndex: 0 }], accepted: true, track: forged }],
      video: { frameCount: FRAMES, tracks: [forged], frameTags: [{ className: 'forged', startFrame: 0, endFrame: 59 }], segments: [{ startFrame: 0, endFrame: 59, tags: ['forged'] }] },
    });
    const s = new VideoReviewSession(d, coreVideoMerging, FRAMES);
    // The local consensus: two clusters (each with a quorum, so they start merged), the segments disputed.
    expect(s.parts.map((p) => p.kind)).toEqual(['track', 'track', 'segments', 'frameTags']);
    expect(s.parts.map((p) => p.kind === 'track' && p.members.length)).toEqual([3, 2, false, false]);
    expect(s.unresolved()).toEqual([2]);
    for (const i of s.unresolved()) s.takeMerged(i);
    const { video } = s.verdict();
    expect(JSON.stringify(video)).not.toContain('forged');
    expect(video.tracks.map((t) => t.className).sort()).toEqual(['car', 'person']);
  });

  it('forms the track clusters locally when the hub sent none, and keeps frame and part as view state', () => {
    const s = new VideoReviewSession(videoDispute({ trackClusters: undefined, disputedParts: undefined }), testMerging, FRAMES);
    expect(s.parts.filter((p) => p.kind === 'track')).toHaveLength(2);
    s.setFrame(99);
    expect(s.currentFrame()).toBe(FRAMES - 1);
    s.stepFrame(-10);
    expect(s.currentFrame()).toBe(FRAMES - 11);
    s.next(-1);
    expect(s.currentIndex()).toBe(3);
    expect(s.getSnapshot().canUndo).toBe(false);
  });

  it("refuses a clip whose probed frame count is not the hub's, or a submission's, and signs the probed count", () => {
    // The hub lies: it says 90 frames, the downloaded file has 60.
    const lying = { ...videoDispute(), video: { frameCount: 90, fps: 30 } };
    expect(() => new VideoReviewSession(lying, testMerging, FRAMES)).toThrow(`clip.mp4: the hub says this clip has 90 frames, but this workstation's probe of the downloaded file finds ${FRAMES}`);
    // A submission counts other frames than the file has.
    const d = videoDispute();
    const off = { ...d, submissions: d.submissions.map((s) => (s.annotator === ANN_B ? { ...s, video: { ...s.video!, frameCount: 61 } } : s)) };
    expect(() => new VideoReviewSession(off, testMerging, FRAMES)).toThrow(`annotator B submitted labels for 61 frames, but this workstation's probe of the downloaded file finds ${FRAMES}`);
    expect(() => new VideoReviewSession(videoDispute(), testMerging, 0)).toThrow('found no frames');
    const s = new VideoReviewSession(videoDispute(), testMerging, FRAMES);
    expect(s.frameCount).toBe(FRAMES);
  });

  it("signs the single-frame boxes the annotators agree on as formed here, never the hub's proposal", () => {
    const box = { className: 'sign', box: { x: 20, y: 20, w: 40, h: 40 }, frame: 5 };
    const d = videoDispute();
    const agreed = { ...d, submissions: d.submissions.map((s) => ({ ...s, shapes: [box] })), proposal: { ...d.proposal, labels: [{ className: 'forged', box: { x: 0, y: 0, w: 9, h: 9 }, frame: 1 }] } };
    const s = new VideoReviewSession(agreed, testMerging, FRAMES);
    for (const i of s.unresolved()) s.takeMerged(i);
    expect(s.verdict().shapes).toEqual([box]);
  });

  it('refuses to sign a clip whose single-frame boxes the annotators disagree on', () => {
    const d = videoDispute();
    const shapes: Record<string, { className: string; box: { x: number; y: number; w: number; h: number }; frame: number }[]> = {
      [ANN_A]: [{ className: 'sign', box: { x: 20, y: 20, w: 40, h: 40 }, frame: 5 }],
      [ANN_B]: [{ className: 'light', box: { x: 20, y: 20, w: 40, h: 40 }, frame: 5 }],
      [ANN_C]: [],
    };
    const s = new VideoReviewSession({ ...d, submissions: d.submissions.map((x) => ({ ...x, shapes: shapes[x.annotator]! })) }, testMerging, FRAMES);
    for (const i of s.unresolved()) s.takeMerged(i);
    expect(() => s.verdict()).toThrow('this clip has single-frame boxes the annotators disagree on');
    expect(() => s.verdict()).toThrow('video review cannot decide boxes yet');
  });

  it('refuses an item that is not a video', () => {
    expect(() => new VideoReviewSession({ ...videoDispute(), video: null }, testMerging, FRAMES)).toThrow('item clip-1 is not a video item');
  });
});

describe('VideoReviewSession over core video consensus', () => {
  it('merges a cluster frame by frame (the median of its members) and forms clusters locally when the hub sent none', () => {
    const s = new VideoReviewSession(videoDispute(), coreVideoMerging, FRAMES);
    const subs = videoSubmissions();
    // The car: A, B and C's (drifting) tracks; the median follows A and B.
    const merged = s.parts[0]!.kind === 'track' ? s.parts[0]!.merged : null;
    expect(merged!.className).toBe('car');
    expect(merged!.keyframes[0]!.box).toEqual(subs[ANN_B]!.tracks[0]!.keyframes[0]!.box);
    expect(merged!.keyframes.at(-1)!.box).toEqual(subs[ANN_B]!.tracks[0]!.keyframes.at(-1)!.box);
    const local = new VideoReviewSession(videoDispute({ trackClusters: undefined }), coreVideoMerging, FRAMES);
    const tracks = local.parts.filter((p) => p.kind === 'track');
    expect(tracks.map((p) => p.kind === 'track' && p.members.map((m) => m.annotator))).toContainEqual([ANN_B, ANN_C]);
  });
});
