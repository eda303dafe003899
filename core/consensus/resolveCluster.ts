import type { Box } from '../model/shape';
import { compareText } from '../sync/canonicalLabels';
import type { ClassVote, ClusterMember, ConsensusCluster } from './types';

function countVotes(members: readonly ClusterMember[]): ClassVote[] {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.shape.className, (counts.get(m.shape.className) ?? 0) + 1);
  return [...counts].map(([className, count]) => ({ className, count })).sort((a, b) => b.count - a.count || compareText(a.className, b.className));
}

/** Squared distance between the top-left corners plus that between the bottom-right corners. */
function cornerDistance(box: Box, mean: { x1: number; y1: number; x2: number; y2: number }): number {
  return (box.x - mean.x1) ** 2 + (box.y - mean.y1) ** 2 + (box.x + box.w - mean.x2) ** 2 + (box.y + box.h - mean.y2) ** 2;
}

/**
 * The member nearest the mean box of the given members. A real drawn box
 * rather than the average keeps the label something an annotator signed; on
 * a tie the earlier annotator's box wins.
 */
function nearestToMean(members: readonly ClusterMember[]): ClusterMember {
  const n = members.length;
  const mean = { x1: 0, y1: 0, x2: 0, y2: 0 };
  for (const { shape } of members) {
    mean.x1 += shape.box.x / n;
    mean.y1 += shape.box.y / n;
    mean.x2 += (shape.box.x + shape.box.w) / n;
    mean.y2 += (shape.box.y + shape.box.h) / n;
  }
  let best = members[0]!;
  let bestDistance = cornerDistance(best.shape.box, mean);
  for (const m of members.slice(1)) {
    const d = cornerDistance(m.shape.box, mean);
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A cluster becomes a label when one class has more than `quorumShare` of
 * ALL the item's annotators (not of the cluster's members: an object only a
 * minority drew is not accepted) and no other class has as many votes. The
 * box comes from the winning class's members only.
 */
export function resolveCluster(members: ClusterMember[], annotatorCount: number, quorumShare: number): ConsensusCluster {
  const votes = countVotes(members);
  const [top, runnerUp] = votes;
  const accepted = top !== undefined && top.count > quorumShare * annotatorCount && (runnerUp === undefined || runnerUp.count < top.count);
  if (!accepted) return { members, votes, accepted: false, label: null, representative: null };
  const representative = nearestToMean(members.filter((m) => m.shape.className === top.className));
  return { members, votes, accepted: true, label: representative.shape, representative };
}
