import { DOCUMENT_RECORD_KINDS, type DocumentDiff, type DocumentRecordKind, type DocumentRecords, type RecordChange } from '../../core/model/documentDiff';
import { applyChange, byId, invertChange, restampChange } from './recordChange';

export { isEmptyDiff, EMPTY_RECORDS, type DocumentDiff, type DocumentRecords, type DocumentRecordKind } from '../../core/model/documentDiff';

type AnyChange = RecordChange<{ id: string }>;
type AnyRows = readonly { id: string }[];

/** Runs `each` for every record type the diff touches, building a diff of the results. */
function mapDiff(diff: DocumentDiff, each: (kind: DocumentRecordKind, change: AnyChange) => AnyChange): DocumentDiff {
  const out: Record<string, AnyChange> = {};
  for (const kind of DOCUMENT_RECORD_KINDS) {
    const change = diff[kind] as AnyChange | undefined;
    if (change) out[kind] = each(kind, change);
  }
  return out as DocumentDiff;
}

/** The records after `diff`; record types it does not touch keep their identity. */
export function applyDiff(records: DocumentRecords, diff: DocumentDiff): DocumentRecords {
  const out = { ...records } as Record<DocumentRecordKind, AnyRows>;
  for (const kind of DOCUMENT_RECORD_KINDS) {
    const change = diff[kind] as AnyChange | undefined;
    if (change && (change.put.length > 0 || change.remove.length > 0)) out[kind] = applyChange(out[kind], change);
  }
  return out as DocumentRecords;
}

/** The diff that takes the records after `diff` back to `before`. */
export function invertDiff(before: DocumentRecords, diff: DocumentDiff): DocumentDiff {
  return mapDiff(diff, (kind, change) => invertChange(byId(before[kind] as AnyRows), change));
}

/** Undo and redo as fresh edits (see restampChange), over every record type. */
export function restampDiff(diff: DocumentDiff, current: DocumentRecords, now: number): DocumentDiff {
  return mapDiff(diff, (kind, change) => restampChange(change, byId(current[kind] as AnyRows), now));
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
