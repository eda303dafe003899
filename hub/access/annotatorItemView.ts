/** The fields of a stored consensus document (items.consensus) this view reads. */
interface ConsensusDoc {
  status?: string;
  labels?: unknown;
  /** A video item's final tracks, frame tags and segments. */
  video?: unknown;
  agreeingAnnotators?: string[];
}

/** Final decisions: consensus accepted, or a verdict resolved the dispute. */
const FINAL = new Set(['accepted', 'resolved']);

/**
 * What an annotator assigned to an item may see of it: the item, its status,
 * and — once it is final — the final labels (a video item's tracks, frame
 * tags and segments too) and whether their own labels agree with them.
 * Never anything from which another annotator's work can be read back: the
 * stored document's `annotators` (each one's address and agreement counts),
 * `agreeingAnnotators` (who else agreed), `score`, a video item's
 * `trackClusters` (who drew which track), a disputed item's merged labels
 * (built from the others' shapes and tracks), a verdict's
 * reviewer and reasons and the `proposal` it replaced — nor the number of
 * submissions so far (blind redundancy: nobody learns who else is on it).
 */
export function annotatorItemView(
  item: { itemId: string; taskId: string; sha256: string; status: string; redundancy: number; consensus: unknown; finalizedAt: string | null; rewardedEpoch: string | null },
  annotator: string,
  submitted: boolean,
) {
  const doc = (item.consensus ?? null) as ConsensusDoc | null;
  const final = FINAL.has(item.status) && doc !== null;
  return {
    itemId: item.itemId,
    taskId: item.taskId,
    sha256: item.sha256,
    status: item.status,
    redundancy: item.redundancy,
    consensus: final ? { status: item.status, labels: doc.labels ?? [], ...(doc.video ? { video: doc.video } : {}) } : null,
    yourSubmission: { submitted, agreesWithFinal: final ? (doc.agreeingAnnotators ?? []).includes(annotator) : null },
    finalizedAt: final ? item.finalizedAt : null,
    rewardedEpoch: item.rewardedEpoch,
  };
}
