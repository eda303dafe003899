import type { DocumentDiff } from '../../core/model/documentDiff';
import { recordTypes, stamp, type RecordType } from '../../core/model/recordTypes';
import type { HistoryEntry } from '../document/undoStack';
import type { HistoryRecord } from './records';
import { readStored, readStoredBatch } from './storedRecords';

/** Record types inside a diff that have their own stored versions; shots and scene scores are checked whole by the entry's schema. */
const VERSIONED = ['shape', 'track', 'frameTag'] as const;

/** The history row of an entry: its diffs, the entry form's version and the versions of the records inside. */
export function historyRow(entry: HistoryEntry, owner: { id: string; projectId: string }): HistoryRecord {
  const recordVersions = Object.fromEntries(VERSIONED.map((k) => [k, recordTypes[k].currentVersion]));
  return stamp(recordTypes.historyEntry, { ...entry, itemId: owner.id, projectId: owner.projectId, recordVersions });
}

function isCurrent(r: Partial<HistoryRecord>): boolean {
  return r.schemaVersion === recordTypes.historyEntry.currentVersion && VERSIONED.every((k) => r.recordVersions?.[k] === recordTypes[k].currentVersion);
}

function readDiff(diff: DocumentDiff, versions: Record<string, number>, name: string): DocumentDiff {
  const out: DocumentDiff = { ...diff };
  for (const kind of VERSIONED) {
    const change = diff[kind];
    if (!change) continue;
    const type: RecordType = recordTypes[kind];
    const put = readStoredBatch(type, { schemaVersion: versions[kind] ?? 1 }, change.put, `${name}, a ${kind}`);
    (out as Record<string, unknown>)[kind] = { put, remove: change.remove };
  }
  return out;
}

/**
 * Reads an item's history rows as current entries. Rows written at the
 * current versions come back as written (validated when committed); rows
 * written before the document diff (`{put, remove, video}` steps, no
 * schemaVersion) are upgraded by the historyEntry chain and validated, the
 * records inside by their own types.
 */
export function readHistoryRows(rows: readonly unknown[]): HistoryEntry[] {
  return rows.map((raw) => {
    const r = raw as Partial<HistoryRecord>;
    // Hot path (an item's whole history is read on open): rows this version wrote are returned as written.
    if (isCurrent(r)) {
      const { itemId: _i, projectId: _p, recordVersions: _v, schemaVersion: _s, ...entry } = r as HistoryRecord;
      return entry;
    }
    const name = `item ${String(r.itemId)}, undo step ${String(r.seq)}`;
    const row = readStored(recordTypes.historyEntry, raw, name);
    const { itemId: _i, projectId: _p, recordVersions, ...entry } = row;
    return { ...entry, redo: readDiff(row.redo as DocumentDiff, recordVersions, name), undo: readDiff(row.undo as DocumentDiff, recordVersions, name) };
  });
}
