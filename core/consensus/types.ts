import type { CanonicalShape } from '../sync/canonicalLabels';

/** One annotator's labels of one item. Shapes carry class by name; attributes ride along but are not voted on. */
export interface Submission {
  annotator: string;
  shapes: readonly CanonicalShape[];
}

export interface ConsensusOptions {
  /** Two shapes of different annotators can be the same object only at this IoU or more. Default 0.5. */
  iouThreshold?: number;
  /** A cluster's class needs MORE than this share of the item's annotators. Default 0.5 (a strict majority). */
  quorumShare?: number;
  /** The item is accepted when its agreement score is at least this. Default 0.6 (see README: two of three agreeing scores 2/3). */
  acceptanceThreshold?: number;
}

export const DEFAULT_CONSENSUS_OPTIONS: Required<ConsensusOptions> = {
  iouThreshold: 0.5,
  quorumShare: 0.5,
  acceptanceThreshold: 0.6,
};

export interface ClusterMember {
  annotator: string;
  /** Index of the shape in that annotator's submitted `shapes`. */
  shapeIndex: number;
  shape: CanonicalShape;
}

export interface ClassVote {
  className: string;
  count: number;
}

/** Shapes of different annotators taken to be one object (at most one shape per annotator). */
export interface ConsensusCluster {
  /** In annotator order. */
  members: ClusterMember[];
  /** Most votes first, then by class name. */
  votes: ClassVote[];
  /** The class has a quorum and no tie: the cluster becomes a label. */
  accepted: boolean;
  /** The merged label of an accepted cluster, else null. */
  label: CanonicalShape | null;
  /** The member whose box became the merged box. */
  representative: ClusterMember | null;
}

export interface AnnotatorAgreement {
  annotator: string;
  shapes: number;
  /** Accepted objects this annotator drew with the winning class. */
  agreed: number;
  /** Accepted objects this annotator drew with another class. */
  wrongClass: number;
  /** Accepted objects this annotator did not draw. */
  missed: number;
  /** Shapes that are in no accepted object. */
  extra: number;
  /** agreed / (shapes ∪ accepted objects), 1 when both are empty. */
  agreement: number;
}

export interface ConsensusResult {
  status: 'accepted' | 'disputed';
  /** Mean of the annotators' agreement. */
  score: number;
  /** The accepted clusters' merged labels in canonical order: the final labels if accepted, the proposal if disputed. */
  labels: CanonicalShape[];
  clusters: ConsensusCluster[];
  /** In annotator order. */
  annotators: AnnotatorAgreement[];
  options: Required<ConsensusOptions>;
}
