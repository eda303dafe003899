import type { HubFailure } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';

/** One refusal of a record: what was signed, what the hub said, when. Kept for the user after the record is signed again. */
export interface RefusalEntry {
  code: string;
  reason: string;
  at: number;
  /** The signature the hub refused (null for a record refused before it was signed, which cannot happen today). */
  signed: OutboxRecord['signed'] | null;
  /** Uploads of that signature. */
  attempts: number;
}

/**
 * An outbox row with its refusal history. `refusals` is a plain, unindexed
 * property of the v5 `outbox` table's rows: Dexie stores it without a schema
 * change, and rows written before it existed simply have none.
 */
export type OutboxRecordWithHistory = OutboxRecord & { refusals?: RefusalEntry[] };

export function refusalsOf(record: OutboxRecord): RefusalEntry[] {
  return (record as OutboxRecordWithHistory).refusals ?? [];
}

/** `lastError` of a rejection is "code: reason" (the form finishUpload has always written). */
function parseLastError(lastError: string | undefined): { code: string; reason: string } {
  const match = /^([A-Za-z0-9_]+): ([\s\S]*)$/.exec(lastError ?? '');
  return match ? { code: match[1]!, reason: match[2]! } : { code: 'unknown', reason: lastError ?? 'no reason recorded' };
}

/**
 * The refusal that ended a rejected record, or null when it is not rejected.
 * Records rejected before the history existed have it only in `lastError`.
 */
export function currentRefusal(record: OutboxRecord): RefusalEntry | null {
  if (record.state !== 'rejected') return null;
  const last = refusalsOf(record).at(-1);
  if (last && last.signed?.signature === record.signed?.signature) return last;
  return { ...parseLastError(record.lastError), at: record.updatedAt, signed: record.signed ?? null, attempts: record.attempts };
}

/** The record, rejected by `failure`, with the refusal added to its history. */
export function withRefusal(record: OutboxRecord, failure: Pick<HubFailure, 'code' | 'reason'>, at: number): OutboxRecordWithHistory {
  const entry: RefusalEntry = { code: failure.code, reason: failure.reason, at, signed: record.signed ?? null, attempts: record.attempts };
  return { ...record, state: 'rejected', lastError: `${failure.code}: ${failure.reason}`, refusals: [...refusalsOf(record), entry], updatedAt: at };
}
