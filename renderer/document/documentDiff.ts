import { DOCUMENT_RECORD_KINDS, type DocumentDiff, type DocumentRecordKind, type RecordChange } from '../../core/model/documentDiff';
import type { RecordLookup } from './documentTables';
import { invertChange, restampChange } from './recordChange';

export { isEmptyDiff, EMPTY_RECORDS, type DocumentDiff, type DocumentRecords, type DocumentRecordKind } from '../../core/model/documentDiff';

type AnyChange = RecordChange<{ id: string }>;

/** Runs `each` for every record type the diff touches, building a diff of the results. */
function mapDiff(diff: DocumentDiff, each: (kind: DocumentRecordKind, change: AnyChange) => AnyChange): DocumentDiff {
  const out: Record<string, AnyChange> = {};
  for (const kind of DOCUMENT_RECORD_KINDS) {
    const change = diff[kind] as AnyChange | undefined;
    if (change) out[kind] = each(kind, change);
  }
  return out as DocumentDiff;
}

const byKind = (records: RecordLookup, kind: DocumentRecordKind) => ({ get: (id: string) => records.get(kind, id) as { id: string } | undefined });

/** The diff that takes the records after `diff` back to `before` (reads only the records the diff touches). */
export function invertDiff(before: RecordLookup, diff: DocumentDiff): DocumentDiff {
  return mapDiff(diff, (kind, change) => invertChange(byKind(before, kind), change));
}

/** Undo and redo as fresh edits (see restampChange), over every record type. */
export function restampDiff(diff: DocumentDiff, current: RecordLookup, now: number): DocumentDiff {
  return mapDiff(diff, (kind, change) => restampChange(change, byKind(current, kind), now));
}

/** Every id the diff puts or removes, by record type (what a store must write). */
export function touchedIds(diff: DocumentDiff): { [K in DocumentRecordKind]?: string[] } {
  const out: { [K in DocumentRecordKind]?: string[] } = {};
  for (const kind of DOCUMENT_RECORD_KINDS) {
    const change = diff[kind] as AnyChange | undefined;
    if (change) out[kind] = [...change.put.map((r) => r.id), ...change.remove];
  }
  return out;
}
