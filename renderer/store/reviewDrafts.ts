import { recordTypes, stamp } from '../../core/model/recordTypes';
import { readStored } from './storedRecords';
import type { DisputeRecord } from './syncRecords';

/**
 * The reviewer's draft inside a dispute row (record type `reviewDraft`,
 * core/model/recordTypes.ts): opaque to the store, but versioned and checked
 * like every record. Review code saves `draftRow(draft)` and reads
 * `readReviewDraft(record)`.
 */
export function draftRow<T extends object>(draft: T): T & { schemaVersion: number } {
  return stamp(recordTypes.reviewDraft, draft);
}

/** The draft at the current version, without its stamp; undefined when there is none. Throws UnreadableRecordError naming the dispute. */
export function readReviewDraft(record: Pick<DisputeRecord, 'hubUrl' | 'itemId' | 'draft'>): { decisions: unknown[] } | undefined {
  if (record.draft === undefined || record.draft === null) return undefined;
  const { schemaVersion: _, ...draft } = readStored(recordTypes.reviewDraft, record.draft, `the review draft of dispute ${record.itemId} (${record.hubUrl})`);
  return draft as { decisions: unknown[] };
}
