import type { OutboxRecord } from '../store/syncRecords';
import type { Outbox } from '../sync/outbox';
import { newVerdictRecord } from '../sync/verdictRecords';
import type { DisputeStore } from './disputeStore';
import type { ReviewSession } from './reviewSession';

/**
 * Puts the review's verdict in the outbox (unsigned) and marks the dispute
 * submitted. Signing follows as for batches: the reviewer confirms the
 * summary, the host signs, the outbox keeps the signed form and sync uploads
 * it with retries. Refused while an object is undecided.
 */
export async function queueVerdict(outbox: Outbox, disputes: DisputeStore, hubUrl: string, session: ReviewSession, at = Date.now()): Promise<OutboxRecord> {
  const { shapes, reasons } = session.verdict();
  const { itemId, taskId } = session.dispute;
  const record = newVerdictRecord({ hubUrl, taskId, itemId, shapes, reasons }, at);
  await outbox.add(record);
  await disputes.markSubmitted(hubUrl, itemId, record.id);
  return record;
}
