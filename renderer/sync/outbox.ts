import { taskIdToBytes32 } from '../../core/sync/labelBatch';
import type { BatchItem, SignedBatch, UploadResult, VerdictUploadResult } from '../../electron/common/services/hubService';
import type { SignedVerdict } from '../../electron/common/services/hubReviewSchemas';
import type { GroundworkDb } from '../store/db';
import type { OutboxRecord } from '../store/syncRecords';
import { retryDelay, type BackoffPolicy } from './backoff';
import { withRefusal } from './refusalHistory';
import { verdictPayloadOf } from './verdictRecords';

/** What a batch record's `payload` holds: the items in core's canonical form and the merkle root they hash to. */
export interface BatchPayload {
  items: BatchItem[];
  root: string;
}

export function batchPayloadOf(record: OutboxRecord): BatchPayload {
  const payload = record.payload as Partial<BatchPayload> | null;
  if (!payload || !Array.isArray(payload.items) || typeof payload.root !== 'string') throw new Error(`outbox record ${record.id} has no batch payload`);
  return payload as BatchPayload;
}

/** The exact signed batch to (re-)send: rebuilt from what was saved when it was signed, never signed again. */
export function signedBatchOf(record: OutboxRecord): SignedBatch {
  if (!record.signed) throw new Error(`outbox record ${record.id} is not signed yet`);
  const { items } = batchPayloadOf(record);
  const { signature, signer, nonce, deadline, root } = record.signed;
  return {
    hubUrl: record.hubUrl,
    taskId: record.taskId,
    batch: { annotator: signer, task: taskIdToBytes32(record.taskId), root, itemCount: items.length, nonce, deadline },
    signature,
    items,
  };
}

/** Awaiting the user's signature: written on submit, not yet confirmed and signed. */
export const isUnsigned = (r: OutboxRecord) => r.state === 'pending' && !r.signed;

/**
 * The outbox table's state machine. A record is never deleted here; every
 * move is one Dexie transaction, so a crash leaves each record in a state
 * the next start understands (an interrupted 'uploading' goes back to
 * 'pending': the hub's idempotency makes the re-send harmless).
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly db: GroundworkDb,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of this.listeners) l();
  }

  /** Newest first. */
  async list(): Promise<OutboxRecord[]> {
    return (await this.db.outbox.orderBy('createdAt').toArray()).reverse();
  }

  get(id: string): Promise<OutboxRecord | undefined> {
    return this.db.outbox.get(id);
  }

  /** Saves the signature BEFORE any upload result is trusted: from now on only this signed batch is ever sent. */
  saveSigned(id: string, signed: SignedBatch): Promise<OutboxRecord> {
    return this.saveSignature(id, (current) => {
      const { root } = batchPayloadOf(current);
      if (signed.batch.root.toLowerCase() !== root.toLowerCase()) throw new Error(`the host signed root ${signed.batch.root}, but the outbox holds ${root}; not saved`);
      return { signature: signed.signature, signer: signed.batch.annotator, nonce: signed.batch.nonce, deadline: signed.batch.deadline, root: signed.batch.root };
    });
  }

  /** The same for a verdict: the signed labels hash must be the one the record holds. */
  saveSignedVerdict(id: string, signed: SignedVerdict): Promise<OutboxRecord> {
    return this.saveSignature(id, (current) => {
      const { labelsHash, itemId } = verdictPayloadOf(current);
      if (signed.itemId !== itemId || signed.verdict.labelsHash.toLowerCase() !== labelsHash.toLowerCase()) {
        throw new Error(`the host signed labels ${signed.verdict.labelsHash} of ${signed.itemId}, but the outbox holds ${labelsHash} of ${itemId}; not saved`);
      }
      const { reviewer, nonce, deadline } = signed.verdict;
      return { signature: signed.signature, signer: reviewer, nonce, deadline, root: signed.verdict.labelsHash };
    });
  }

  /** A new record (written before anything is signed, so a closed dialog leaves it to sign later). */
  async add(record: OutboxRecord): Promise<void> {
    await this.db.outbox.add(record);
    this.notify();
  }

  private async saveSignature(id: string, signedFieldsOf: (current: OutboxRecord) => NonNullable<OutboxRecord['signed']>): Promise<OutboxRecord> {
    const record = await this.db.transaction('rw', this.db.outbox, async () => {
      const current = await this.db.outbox.get(id);
      if (!current) throw new Error(`outbox record ${id} does not exist`);
      if (current.signed) throw new Error(`outbox record ${id} is already signed; it is never signed twice`);
      const next: OutboxRecord = { ...current, signed: signedFieldsOf(current), nextAttemptAt: this.now(), updatedAt: this.now() };
      await this.db.outbox.put(next);
      return next;
    });
    this.notify();
    return record;
  }

  /** Signed, pending records whose retry time has come, oldest first. */
  async due(limit: number): Promise<OutboxRecord[]> {
    const now = this.now();
    const pending = await this.db.outbox.where('state').equals('pending').toArray();
    return pending
      .filter((r) => r.signed && r.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
      .slice(0, limit);
  }

  /** When the next signed pending record becomes due, or null when none waits. */
  async nextDueAt(): Promise<number | null> {
    const pending = await this.db.outbox.where('state').equals('pending').toArray();
    const times = pending.filter((r) => r.signed).map((r) => r.nextAttemptAt);
    return times.length ? Math.min(...times) : null;
  }

  /** pending → uploading and one more attempt, only if it is still pending (two engines never send one record at once). */
  async beginUpload(id: string): Promise<OutboxRecord | null> {
    const record = await this.db.transaction('rw', this.db.outbox, async () => {
      const current = await this.db.outbox.get(id);
      if (!current || current.state !== 'pending' || !current.signed) return null;
      const next: OutboxRecord = { ...current, state: 'uploading', attempts: current.attempts + 1, updatedAt: this.now() };
      await this.db.outbox.put(next);
      return next;
    });
    if (record) this.notify();
    return record;
  }

  /** Applies an upload's outcome: accepted and rejected end this signature's uploads (a rejected record may be re-signed, see resign.ts); anything else waits for the next attempt with backoff. */
  async finishUpload(id: string, result: UploadResult | VerdictUploadResult | { status: 'error'; reason: string }, backoff: BackoffPolicy, random: () => number = Math.random): Promise<OutboxRecord> {
    const record = await this.db.transaction('rw', this.db.outbox, async () => {
      const current = await this.db.outbox.get(id);
      if (!current) throw new Error(`outbox record ${id} does not exist`);
      const at = this.now();
      let next: OutboxRecord;
      if (result.status === 'accepted') next = { ...current, state: 'accepted', receipt: result.receipt, lastError: undefined, updatedAt: at };
      // The refusal also goes into the record's history: if it is re-signed, the user still sees what was refused and why.
      else if (result.status === 'rejected') next = withRefusal(current, result.failure, at);
      else {
        const reason = result.status === 'network' ? result.failure.reason : result.reason;
        next = { ...current, state: 'pending', lastError: reason, nextAttemptAt: at + retryDelay(current.attempts, backoff, random), updatedAt: at };
      }
      await this.db.outbox.put(next);
      return next;
    });
    this.notify();
    return record;
  }

  /** At start: uploads cut off by a crash or reload go back to pending, due now. */
  async recoverInterrupted(): Promise<number> {
    const count = await this.db.transaction('rw', this.db.outbox, async () => {
      const stuck = await this.db.outbox.where('state').equals('uploading').toArray();
      const at = this.now();
      await this.db.outbox.bulkPut(stuck.map((r) => ({ ...r, state: 'pending' as const, nextAttemptAt: at, updatedAt: at })));
      return stuck.length;
    });
    if (count) this.notify();
    return count;
  }

  /** Back online: everything signed and pending is due now (the persisted backoff was about the outage that just ended). */
  async retryAllNow(): Promise<void> {
    const at = this.now();
    await this.db.transaction('rw', this.db.outbox, async () => {
      await this.db.outbox
        .where('state')
        .equals('pending')
        .modify((r) => {
          if (r.signed && r.nextAttemptAt > at) r.nextAttemptAt = at;
        });
    });
    this.notify();
  }
}
