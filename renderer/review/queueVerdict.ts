import type { OutboxRecord } from '../store/syncRecords';
import type { Outbox } from '../sync/outbox';
import { newVerdictRecord } from '../sync/verdictRecords';
import type { DisputeStore } from './disputeStore';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { Dispute, ObjectReason } from '../../electron/common/services/hubReviewSchemas';

/** An image or a video review: the dispute and its verdict content. */
export interface VerdictSource {
  readonly dispute: Pick<Dispute, 'itemId' | 'taskId'>;
  verdict(): { shapes: CanonicalShape[]; reasons: ObjectReason[]; video?: CanonicalVideoLabels };
}

/**
 * Puts the review's verdict in the outbox (unsigned) and marks the dispute
 * submitted. Signing follows as for batches: the reviewer confirms the
 * summary, the host signs (a video item's tracks, tags and segments included), the outbox keeps the signed form and sync uploads
 * it with retries. Refused while an object is undecided.
 */
export async function queueVerdict(outbox: Outbox, disputes: DisputeStore, hubUrl: string, session: VerdictSource, at = Date.now()): Promise<OutboxRecord> {
  const { shapes, reasons, video } = session.verdict();
  const { itemId, taskId } = session.dispute;
  const record = newVerdictRecord({ hubUrl, taskId, itemId, shapes, reasons, ...(video ? { video } : {}) }, at);
  await outbox.add(record);
  await disputes.markSubmitted(hubUrl, itemId, record.id);
  return record;
}
