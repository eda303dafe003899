import { compareCanonicalShapes, compareText, normalizeShape, type CanonicalShape } from '../sync/canonicalLabels';
import { clusterShapes } from './clusterShapes';
import { resolveCluster } from './resolveCluster';
import {
  DEFAULT_CONSENSUS_OPTIONS,
  type AnnotatorAgreement,
  type ClusterMember,
  type ConsensusCluster,
  type ConsensusOptions,
  type ConsensusResult,
  type Submission,
} from './types';

function resolveOptions(options: ConsensusOptions): Required<ConsensusOptions> {
  const o = { ...DEFAULT_CONSENSUS_OPTIONS, ...options };
  if (!(o.iouThreshold > 0 && o.iouThreshold <= 1)) throw new Error(`iouThreshold must be in (0, 1], got ${o.iouThreshold}`);
  if (!(o.quorumShare >= 0 && o.quorumShare < 1)) throw new Error(`quorumShare must be in [0, 1), got ${o.quorumShare}`);
  if (!(o.acceptanceThreshold >= 0 && o.acceptanceThreshold <= 1)) throw new Error(`acceptanceThreshold must be in [0, 1], got ${o.acceptanceThreshold}`);
  return o;
}

/** Submissions in annotator order, each annotator's shapes in canonical order with their submitted indexes. */
function canonicalOrder(submissions: readonly Submission[]): { annotator: string; shapes: CanonicalShape[]; indexes: number[] }[] {
  const seen = new Set<string>();
  for (const s of submissions) {
    const key = s.annotator.toLowerCase();
    if (seen.has(key)) throw new Error(`annotator ${s.annotator} submitted twice for one item`);
    seen.add(key);
  }
  return [...submissions]
    .sort((a, b) => compareText(a.annotator.toLowerCase(), b.annotator.toLowerCase()))
    .map((s) => {
      const ordered = s.shapes
        .map((shape, index) => ({ shape: normalizeShape(shape, `${s.annotator} shapes[${index}]`), index }))
        .sort((x, y) => compareCanonicalShapes(x.shape, y.shape) || x.index - y.index);
      return { annotator: s.annotator, shapes: ordered.map((o) => o.shape), indexes: ordered.map((o) => o.index) };
    });
}

function agreementOf(annotator: string, shapes: number, accepted: readonly ConsensusCluster[]): AnnotatorAgreement {
  let agreed = 0;
  let wrongClass = 0;
  for (const cluster of accepted) {
    const own = cluster.members.find((m) => m.annotator === annotator);
    if (!own) continue;
    if (own.shape.className === cluster.label!.className) agreed++;
    else wrongClass++;
  }
  const missed = accepted.length - agreed - wrongClass;
  const extra = shapes - agreed - wrongClass;
  // Jaccard between the annotator's (object, class) set and the accepted one: a wrong class costs a miss and an extra.
  const union = agreed + 2 * wrongClass + missed + extra;
  return { annotator, shapes, agreed, wrongClass, missed, extra, agreement: union === 0 ? 1 : agreed / union };
}

/**
 * Consensus over one item's submissions: match shapes between every pair of
 * annotators (IoU + Hungarian), cluster, vote the class, merge the box, score
 * the agreement. The result does not depend on the order of submissions or
 * of shapes within them.
 */
export function formConsensus(submissions: readonly Submission[], options: ConsensusOptions = {}): ConsensusResult {
  const resolved = resolveOptions(options);
  if (submissions.length === 0) throw new Error('consensus needs at least one submission');
  const ordered = canonicalOrder(submissions);
  const clusters = clusterShapes(
    ordered.map((o) => o.shapes),
    resolved.iouThreshold,
  ).map((refs) => {
    const members: ClusterMember[] = refs.map((r) => {
      const o = ordered[r.annotator]!;
      return { annotator: o.annotator, shapeIndex: o.indexes[r.shape]!, shape: o.shapes[r.shape]! };
    });
    return resolveCluster(members, ordered.length, resolved.quorumShare);
  });
  const accepted = clusters.filter((c) => c.accepted);
  const annotators = ordered.map((o) => agreementOf(o.annotator, o.shapes.length, accepted));
  const score = annotators.reduce((sum, a) => sum + a.agreement, 0) / annotators.length;
  return {
    status: score >= resolved.acceptanceThreshold ? 'accepted' : 'disputed',
    score,
    labels: accepted.map((c) => c.label!).sort(compareCanonicalShapes),
    clusters,
    annotators,
    options: resolved,
  };
}
