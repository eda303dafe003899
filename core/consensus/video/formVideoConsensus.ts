import { matchByScore } from '../../geometry/hungarian';
import { compareCanonicalShapes, compareText, normalizeShape, type CanonicalShape } from '../../sync/canonicalLabels';
import { normalizeVideoLabels, trackJson, type CanonicalTrack, type CanonicalVideoLabels } from '../../sync/canonicalVideo';
import { clusterByPairs } from '../clusterShapes';
import { formConsensus } from '../formConsensus';
import type { AnnotatorAgreement, ConsensusCluster } from '../types';
import { consensusTrack } from './consensusTrack';
import { consensusFrameTags, frameTagAgreement } from './frameTags';
import { resolveVideoConsensusOptions } from './options';
import { trackPieces, visibleFrames, type Piece } from './pieces';
import { consensusSegments, segmentAgreement } from './segments';
import { frameHits, piecesIou } from './trackIou';
import type { TrackCluster, VideoAnnotatorAgreement, VideoConsensusOptions, VideoConsensusResult, VideoSubmission } from './types';

export interface OrderedTrack {
  track: CanonicalTrack;
  /** Index in the submitted `video.tracks`. */
  index: number;
  pieces: Piece[];
}

/** One track normalized alone (so its submitted index is kept). */
export function normalizeTrack(track: CanonicalTrack, frameCount: number, where: string): CanonicalTrack {
  try {
    return normalizeVideoLabels({ frameCount, tracks: [track], frameTags: [], segments: [] }).tracks[0]!;
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message.replace(/^tracks\[0\]:? ?/, '')}`);
  }
}

/** Tracks normalized (unless the caller says they are) and in canonical order (their canonical text, then submitted index), with their pieces. */
export function orderedTracks(tracks: readonly CanonicalTrack[], frameCount: number, where: string, normalized = false): OrderedTrack[] {
  return tracks
    .map((t, index) => {
      const track = normalized ? t : normalizeTrack(t, frameCount, `${where} tracks[${index}]`);
      return { track, index, text: trackJson(track), pieces: trackPieces(track, frameCount) };
    })
    .sort((a, b) => compareText(a.text, b.text) || a.index - b.index)
    .map(({ track, index, pieces }) => ({ track, index, pieces }));
}

/** Pairs two annotators' tracks one-to-one by track IoU (class-agnostic): most pairs at or above the threshold, then the largest total. */
export function matchTracks(a: readonly OrderedTrack[], b: readonly OrderedTrack[], threshold: number): [number, number, number][] {
  const scores = a.map((ta) => b.map((tb) => piecesIou(ta.pieces, tb.pieces, threshold)));
  return matchByScore(scores, threshold).pairs;
}

interface Ordered {
  annotator: string;
  video: CanonicalVideoLabels;
  tracks: OrderedTrack[];
  shapes: readonly CanonicalShape[];
}

function canonicalOrder(submissions: readonly VideoSubmission[]): Ordered[] {
  const seen = new Set<string>();
  for (const s of submissions) {
    const key = s.annotator.toLowerCase();
    if (seen.has(key)) throw new Error(`annotator ${s.annotator} submitted twice for one item`);
    seen.add(key);
  }
  const frameCount = submissions[0]!.video?.frameCount;
  for (const s of submissions) {
    if (s.video?.frameCount !== frameCount) throw new Error(`annotator ${s.annotator} saw ${String(s.video?.frameCount)} frames, ${submissions[0]!.annotator} saw ${String(frameCount)}: one video item has one frame count`);
  }
  return [...submissions]
    .sort((a, b) => compareText(a.annotator.toLowerCase(), b.annotator.toLowerCase()))
    .map((s) => {
      const video = normalizeVideoLabels({ frameCount: s.video.frameCount, tracks: [], frameTags: s.video.frameTags ?? [], segments: s.video.segments ?? [] });
      const tracks = orderedTracks(s.video.tracks ?? [], video.frameCount, s.annotator);
      s.shapes.forEach((shape, i) => {
        if (shape.frame !== undefined && (shape.frame >= video.frameCount || shape.frame < 0)) throw new Error(`${s.annotator} shapes[${i}].frame is ${shape.frame}, but the video has ${video.frameCount} frames`);
      });
      return { annotator: s.annotator, video: { ...video, tracks: tracks.map((t) => t.track) }, tracks, shapes: s.shapes };
    });
}

function countVotes(classes: readonly string[]): { className: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([className, count]) => ({ className, count })).sort((a, b) => b.count - a.count || compareText(a.className, b.className));
}

interface BuiltCluster {
  cluster: TrackCluster;
  /** Per member (same order): its pieces, and whether it has the winning class. */
  memberPieces: Piece[][];
  winning: string | null;
  pieces: Piece[];
}

function buildCluster(refs: { annotator: number; shape: number }[], ordered: readonly Ordered[], o: Required<VideoConsensusOptions>, frameCount: number): BuiltCluster {
  const members = refs.map((r) => {
    const t = ordered[r.annotator]!.tracks[r.shape]!;
    return { annotator: ordered[r.annotator]!.annotator, trackIndex: t.index, track: t.track, pieces: t.pieces };
  });
  const votes = countVotes(members.map((m) => m.track.className));
  const [top, runnerUp] = votes;
  let meanTrackIou = 1;
  if (members.length > 1) {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++, pairs++) sum += piecesIou(members[i]!.pieces, members[j]!.pieces);
    meanTrackIou = sum / pairs;
  }
  const n = ordered.length;
  const quorum = top !== undefined && top.count > o.quorumShare * n && (runnerUp === undefined || runnerUp.count < top.count);
  let track: CanonicalTrack | null = null;
  if (quorum) {
    const voters = members.filter((m) => m.track.className === top.className);
    const raw = consensusTrack(top.className, undefined, voters.map((m) => m.pieces), n, o.quorumShare, frameCount, o.keyframeTolerance);
    if (raw) {
      // Track attributes: those of the voter nearest the consensus (highest track IoU with it; the earlier annotator on a tie).
      const shaped = normalizeTrack(raw, frameCount, 'consensus track');
      const shapedPieces = trackPieces(shaped, frameCount);
      let best = voters[0]!;
      let bestIou = -1;
      for (const v of voters) {
        const x = piecesIou(v.pieces, shapedPieces);
        if (x > bestIou) {
          best = v;
          bestIou = x;
        }
      }
      track = best.track.attributes ? { ...shaped, attributes: best.track.attributes } : shaped;
    }
  }
  const cluster: TrackCluster = {
    members: members.map(({ annotator, trackIndex, track: t }) => ({ annotator, trackIndex, track: t })),
    votes,
    accepted: track !== null,
    track,
    meanTrackIou,
  };
  return { cluster, memberPieces: members.map((m) => m.pieces), winning: track ? top!.className : null, pieces: track ? trackPieces(track, frameCount) : [] };
}

interface BoxesResult {
  labels: CanonicalShape[];
  clusters: ConsensusCluster[];
  perAnnotator: Omit<AnnotatorAgreement, 'annotator'>[];
}

/** Single-frame boxes: image consensus on every frame any annotator drew one on (every annotator takes part in every frame's quorum). */
function boxConsensus(ordered: readonly Ordered[], o: Required<VideoConsensusOptions>): BoxesResult {
  const frames = new Map<number, { annotator: string; shapes: CanonicalShape[]; indexes: number[] }[]>();
  ordered.forEach((sub, a) => {
    sub.shapes.forEach((shape, index) => {
      const frame = shape.frame ?? -1;
      if (!frames.has(frame)) frames.set(frame, ordered.map((x) => ({ annotator: x.annotator, shapes: [], indexes: [] })));
      frames.get(frame)![a]!.shapes.push(shape);
      frames.get(frame)![a]!.indexes.push(index);
    });
  });
  const perAnnotator = ordered.map((s) => ({ shapes: s.shapes.length, agreed: 0, wrongClass: 0, missed: 0, extra: 0, agreement: 1 }));
  const labels: CanonicalShape[] = [];
  const clusters: ConsensusCluster[] = [];
  for (const frame of [...frames.keys()].sort((x, y) => x - y)) {
    const subs = frames.get(frame)!;
    const result = formConsensus(subs, { iouThreshold: o.frameIouThreshold, quorumShare: o.quorumShare });
    labels.push(...result.labels);
    for (const c of result.clusters) {
      clusters.push({
        ...c,
        members: c.members.map((m) => ({ ...m, shapeIndex: subs.find((s) => s.annotator === m.annotator)!.indexes[m.shapeIndex]! })),
        representative: c.representative ? { ...c.representative, shapeIndex: subs.find((s) => s.annotator === c.representative!.annotator)!.indexes[c.representative.shapeIndex]! } : null,
      });
    }
    result.annotators.forEach((r, a) => {
      const p = perAnnotator[a]!;
      p.agreed += r.agreed;
      p.wrongClass += r.wrongClass;
      p.missed += r.missed;
      p.extra += r.extra;
    });
  }
  for (const p of perAnnotator) {
    const union = p.agreed + 2 * p.wrongClass + p.missed + p.extra;
    p.agreement = union === 0 ? 1 : p.agreed / union;
  }
  return { labels: labels.map((l, i) => normalizeShape(l, `consensus shapes[${i}]`)).sort(compareCanonicalShapes), clusters, perAnnotator };
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Consensus over one video item's submissions (README: every rule and
 * threshold). Tracks are matched between every pair of annotators by track
 * IoU (Hungarian), clustered as image shapes are, voted on and merged frame
 * by frame into consensus tracks reduced back to keyframes; single-frame
 * boxes go through image consensus per frame; frame tags and segments by
 * majority. Agreement: IDF1 for tracks and boxes, Jaccard for frame tags,
 * boundary F1 × tag match for segments. The result does not depend on the
 * order of submissions or of tracks, tags, segments and shapes within them.
 */
export function formVideoConsensus(submissions: readonly VideoSubmission[], options: VideoConsensusOptions = {}): VideoConsensusResult {
  const o = resolveVideoConsensusOptions(options);
  if (submissions.length === 0) throw new Error('consensus needs at least one submission');
  const ordered = canonicalOrder(submissions);
  const n = ordered.length;
  const frameCount = ordered[0]!.video.frameCount;

  const built = clusterByPairs(
    ordered.map((s) => s.tracks.length),
    (a, b) => matchTracks(ordered[a]!.tracks, ordered[b]!.tracks, o.trackIouThreshold),
  ).map((refs) => buildCluster(refs, ordered, o, frameCount));
  const accepted = built.filter((b) => b.cluster.accepted);
  const consensusFrames = accepted.reduce((sum, b) => sum + visibleFrames(b.pieces), 0);

  const boxes = boxConsensus(ordered, o);
  const frameTags = consensusFrameTags(
    ordered.map((s) => s.video.frameTags),
    n,
    o.quorumShare,
  );
  const segments = consensusSegments(
    ordered.map((s) => s.video.segments),
    frameCount,
    o.quorumShare,
    o.boundaryTolerance,
  );

  const annotators: VideoAnnotatorAgreement[] = ordered.map((sub, a) => {
    let idtp = 0;
    for (const b of accepted) {
      const k = b.cluster.members.findIndex((m) => m.annotator === sub.annotator);
      if (k >= 0 && b.cluster.members[k]!.track.className === b.winning) idtp += frameHits(b.memberPieces[k]!, b.pieces, o.frameIouThreshold);
    }
    const own = sub.tracks.reduce((sum, t) => sum + visibleFrames(t.pieces), 0);
    let idfp = own - idtp;
    let idfn = consensusFrames - idtp;
    const bx = boxes.perAnnotator[a]!;
    idtp += bx.agreed;
    idfp += bx.extra + bx.wrongClass;
    idfn += bx.missed + bx.wrongClass;
    const denominator = 2 * idtp + idfp + idfn;
    return {
      annotator: sub.annotator,
      idf1: denominator === 0 ? 1 : (2 * idtp) / denominator,
      idtp,
      idfp,
      idfn,
      tagAgreement: frameTagAgreement(sub.video.frameTags, frameTags),
      segmentAgreement: segmentAgreement(sub.video.segments, segments, o.boundaryTolerance),
      boxes: bx,
    };
  });

  const scores = { tracks: mean(annotators.map((x) => x.idf1)), frameTags: mean(annotators.map((x) => x.tagAgreement)), segments: mean(annotators.map((x) => x.segmentAgreement)) };
  const disputedParts: VideoConsensusResult['disputedParts'] = [];
  if (!(scores.tracks >= o.trackAcceptance)) disputedParts.push('tracks');
  if (!(scores.frameTags >= o.tagAcceptance)) disputedParts.push('frameTags');
  if (!(scores.segments >= o.segmentAcceptance)) disputedParts.push('segments');
  const video = normalizeVideoLabels({ frameCount, tracks: accepted.map((b) => b.cluster.track!), frameTags, segments });
  return {
    status: disputedParts.length === 0 ? 'accepted' : 'disputed',
    disputedParts,
    scores,
    score: Math.min(scores.tracks, scores.frameTags, scores.segments),
    labels: { shapes: boxes.labels, video },
    trackClusters: built.map((b) => b.cluster),
    boxClusters: boxes.clusters,
    annotators,
    options: o,
  };
}
