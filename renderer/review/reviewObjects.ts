import { formConsensus } from '../../core/consensus';
import type { Box } from '../../core/model/shape';
import { compareText, type CanonicalShape } from '../../core/sync/canonicalLabels';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';

/** One annotator's shape of an object. */
export interface ObjectMember {
  annotator: string;
  shape: CanonicalShape;
}

/**
 * An object of the disputed item as the reviewer sees it: one cluster of the
 * consensus proposal (shapes of different annotators taken to be the same
 * thing), with the proposal's merged label when the cluster reached a quorum.
 */
export interface ProposalObject {
  members: ObjectMember[];
  /** The consensus' merged label (accepted cluster) or, without a quorum, the members' mean box under their most voted class. */
  merged: CanonicalShape;
  /** The consensus accepted this object: it is part of the proposal and starts taken as merged. */
  accepted: boolean;
}

/** Annotators in consensus order (case-insensitive), so letters A, B, C… mean the same on every screen. */
export function annotatorsOf(dispute: Pick<Dispute, 'submissions'>): string[] {
  return dispute.submissions.map((s) => s.annotator).sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
}

/** The proposal's clusters as review objects; when the hub sent none, the same consensus is formed here. */
export function proposalObjects(dispute: Pick<Dispute, 'submissions' | 'proposal'>): ProposalObject[] {
  const clusters: { members: readonly { annotator: string; shape: CanonicalShape }[]; accepted: boolean; label: CanonicalShape | null }[] =
    dispute.proposal.clusters.length > 0 || dispute.submissions.every((s) => s.shapes.length === 0) ? dispute.proposal.clusters : formConsensus(dispute.submissions).clusters;
  return clusters.map((cluster) => {
    const members = cluster.members.map((m) => ({ annotator: m.annotator, shape: m.shape }));
    return { members, accepted: cluster.accepted && cluster.label !== null, merged: cluster.label ?? meanShape(members) };
  });
}

/** Mean corners of the members, under the class most of them chose (ties: the earliest annotator's). */
function meanShape(members: readonly ObjectMember[]): CanonicalShape {
  if (members.length === 0) throw new Error('a proposal cluster has no members');
  const votes = new Map<string, number>();
  for (const m of members) votes.set(m.shape.className, (votes.get(m.shape.className) ?? 0) + 1);
  const top = Math.max(...votes.values());
  const className = members.find((m) => votes.get(m.shape.className) === top)!.shape.className;
  const mean = (pick: (b: Box) => number) => members.reduce((sum, m) => sum + pick(m.shape.box), 0) / members.length;
  const x1 = mean((b) => b.x);
  const y1 = mean((b) => b.y);
  const box = { x: x1, y: y1, w: mean((b) => b.x + b.w) - x1, h: mean((b) => b.y + b.h) - y1 };
  return { className, box };
}
