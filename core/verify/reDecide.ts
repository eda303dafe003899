import { agreesWith, formConsensus, formVideoConsensus, videoAgreesWith, type VideoConsensusOptions } from '../consensus';
import { itemLabelHash, type CanonicalShape } from '../sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../sync/canonicalVideo';
import type { LineageLine, LineageSubmission } from './exportFiles';
import type { Report } from './problems';

/** Consensus re-run over an item's submissions, whichever kind the item is. */
export interface ReDecision {
  status: 'accepted' | 'disputed';
  score: number;
  annotators: { annotator: string; agreement: number }[];
  /** The hash of the labels consensus gives, and how they read in a message. */
  labelsHash: string;
  labelsText: string;
  /** Does a submission agree with the line's final labels (the reward rule)? */
  agrees(s: LineageSubmission): boolean;
}

const SCORE_TOLERANCE = 1e-9;

/** "3 shapes" or, for a video, "3 shapes, 2 tracks, 1 frame tag range, 2 segments". */
export function labelsText(shapes: readonly CanonicalShape[], video: CanonicalVideoLabels | undefined): string {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  if (!video) return n(shapes.length, 'shape');
  return `${n(shapes.length, 'shape')}, ${n(video.tracks.length, 'track')}, ${n(video.frameTags.length, 'frame tag range')}, ${n(video.segments.length, 'segment')}`;
}

function imageDecision(line: LineageLine, iouThreshold: number): ReDecision {
  const result = formConsensus(
    line.submissions.map((s) => ({ annotator: s.annotator, shapes: s.shapes })),
    { iouThreshold },
  );
  return {
    status: result.status,
    score: result.score,
    annotators: result.annotators,
    labelsHash: itemLabelHash(line.itemId, result.labels),
    labelsText: labelsText(result.labels, undefined),
    agrees: (s) => agreesWith(s.shapes, line.labels, iouThreshold),
  };
}

/**
 * A video item: core `formVideoConsensus` with the task's thresholds, and
 * its part scores checked too (mean IDF1, tag and segment agreement, the
 * parts it disputes, each annotator's three agreements).
 */
function videoDecision(line: LineageLine & { video: CanonicalVideoLabels }, options: VideoConsensusOptions, report: Report): ReDecision {
  const id = line.itemId;
  const submissions = line.submissions.map((s) => {
    if (!s.video) throw new Error(`the submission of ${s.annotator} carries no video labels`);
    return { annotator: s.annotator, shapes: s.shapes, video: s.video };
  });
  const result = formVideoConsensus(submissions, options);
  const stated = line.consensus;
  if (!stated.scores) report(id, 'consensus', 'a video item states no part scores (tracks, frame tags, segments)');
  else {
    for (const part of ['tracks', 'frameTags', 'segments'] as const) {
      if (Math.abs(stated.scores[part] - result.scores[part]) > SCORE_TOLERANCE) report(id, 'consensus', `${part} score ${stated.scores[part]} stated, ${result.scores[part]} re-computed from the submissions`);
    }
  }
  const parts = (list: readonly string[] | undefined) => [...(list ?? [])].sort().join(', ');
  if (parts(stated.disputedParts) !== parts(result.disputedParts)) report(id, 'consensus', `disputed parts [${parts(stated.disputedParts)}] stated, [${parts(result.disputedParts)}] re-computed`);
  for (const a of result.annotators) {
    const s = stated.annotators.find((x) => x.annotator.toLowerCase() === a.annotator.toLowerCase());
    for (const key of ['idf1', 'tagAgreement', 'segmentAgreement'] as const) {
      if (s && (s[key] === undefined || Math.abs(s[key] - a[key]) > SCORE_TOLERANCE)) report(id, 'consensus', `${key} of ${a.annotator}: ${s[key] ?? 'missing'} stated, ${a[key]} re-computed`);
    }
  }
  const final = { shapes: line.labels, video: line.video };
  return {
    status: result.status,
    score: result.score,
    annotators: result.annotators.map((a) => ({ annotator: a.annotator, agreement: Math.min(a.idf1, a.tagAgreement, a.segmentAgreement) })),
    labelsHash: itemLabelHash(id, result.labels.shapes, result.labels.video),
    labelsText: labelsText(result.labels.shapes, result.labels.video),
    agrees: (s) => s.video !== undefined && videoAgreesWith({ shapes: s.shapes, video: s.video }, final, options),
  };
}

/**
 * Re-runs the item's consensus (the hub's own core code) over its
 * submissions in lineage order; null (reported) when it cannot run, e.g. a
 * video item's submission without video labels.
 */
export function reDecide(line: LineageLine, opts: { iouThreshold: number; videoOptions: VideoConsensusOptions }, report: Report): ReDecision | null {
  try {
    if (line.video) return videoDecision({ ...line, video: line.video }, opts.videoOptions, report);
    return imageDecision(line, opts.iouThreshold);
  } catch (e) {
    report(line.itemId, 'consensus', `consensus cannot be re-run over the submissions: ${(e as Error).message}`);
    return null;
  }
}
