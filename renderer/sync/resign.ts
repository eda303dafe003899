import type { OutboxRecord } from '../store/syncRecords';
import { batchPayloadOf, type Outbox } from './outbox';
import { currentRefusal, refusalsOf, type OutboxRecordWithHistory } from './refusalHistory';
import { isResignable, refusalMeaning, whyNotResignable } from './refusals';
import { verdictPayloadOf } from './verdictRecords';

export class ResignError extends Error {
  override name = 'ResignError';
}

/** The hub ids of the items a record carries: its batch items, or the one item of a verdict. */
function itemIdsOf(record: OutboxRecord): string[] {
  return record.kind === 'verdict' ? [verdictPayloadOf(record).itemId] : batchPayloadOf(record).items.map((i) => i.itemId);
}

/**
 * Why this record may not be signed again now, or null when it may. Besides
 * the refusal's kind: once its items went out again in another record (a new
 * submit takes the items of a rejected batch), signing this one again would
 * send the same items twice.
 */
export function resignBlocker(record: OutboxRecord, others: readonly OutboxRecord[]): string | null {
  const refusal = currentRefusal(record);
  if (!refusal) return 'only a record the hub refused can be signed again';
  if (!isResignable(refusal.code)) return whyNotResignable(refusal.code, record.kind);
  const mine = new Set(itemIdsOf(record));
  const again = others.find((o) => o.id !== record.id && o.kind === record.kind && o.hubUrl === record.hubUrl && o.taskId === record.taskId && o.state !== 'rejected' && itemIdsOf(o).some((id) => mine.has(id)));
  if (again) return `its ${record.kind === 'verdict' ? 'item was' : 'items were'} submitted again in another outbox record (${again.id}); that one carries them now`;
  return null;
}

/** The records `resignBlocker` must compare with: the same project's (batches) or every verdict's, read in the caller's transaction. */
function siblingsOf(outbox: Outbox, record: OutboxRecord): Promise<OutboxRecord[]> {
  return outbox.db.outbox.where('projectId').equals(record.projectId).toArray();
}

/**
 * "Sign again": a record the hub refused for a reason that is not its labels
 * goes back to unsigned — "waiting for your signature" — with exactly the
 * same payload, so the normal two-step signing (prepare → summary → confirm →
 * signed form saved before the first upload) gives it a fresh nonce and
 * deadline. The refused signature, code, reason and time stay in its
 * `refusals` history. Nothing is deleted, nothing is re-read from the label
 * store: what is signed again is what was refused.
 */
export async function reopenForSigning(outbox: Outbox, recordId: string, now: () => number = Date.now): Promise<OutboxRecord> {
  const reopened = await outbox.db.transaction('rw', outbox.db.outbox, async () => {
    const current = await outbox.db.outbox.get(recordId);
    if (!current) throw new ResignError(`outbox record ${recordId} does not exist`);
    const blocker = resignBlocker(current, await siblingsOf(outbox, current));
    if (blocker) throw new ResignError(`cannot sign this ${current.kind} again: ${blocker}`);
    const refusal = currentRefusal(current)!;
    // Records rejected before the history existed carry the refusal only in lastError: keep it before clearing that.
    const history = refusalsOf(current).at(-1) === refusal ? refusalsOf(current) : [...refusalsOf(current), refusal];
    const { signed: _refused, receipt: _none, lastError: _shownInHistory, ...rest } = current;
    const at = now();
    const next: OutboxRecordWithHistory = { ...rest, state: 'pending', attempts: 0, nextAttemptAt: at, updatedAt: at, refusals: history };
    await outbox.db.outbox.put(next);
    return next;
  });
  outbox.notify();
  return reopened;
}

/** For the outbox row: the refusal in words and whether "Sign again" is offered. */
export function describeRefusal(record: OutboxRecord, others: readonly OutboxRecord[]): { code: string; words: string; reason: string; blocker: string | null } | null {
  const refusal = currentRefusal(record);
  if (!refusal) return null;
  return { code: refusal.code, words: refusalMeaning(refusal.code).words, reason: refusal.reason, blocker: resignBlocker(record, others) };
}
