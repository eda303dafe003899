import { DOCUMENT_RECORD_KINDS, EMPTY_RECORDS, type DocumentDiff, type DocumentRecordKind, type DocumentRecordTypes, type DocumentRecords, type RecordChange } from '../../core/model/documentDiff';
import { RecordTable } from './recordTable';

/** Reads one record by type and id: what inverting and restamping a diff need, and nothing more. */
export interface RecordLookup {
  get<K extends DocumentRecordKind>(kind: K, id: string): DocumentRecordTypes[K] | undefined;
}

type Tables = { [K in DocumentRecordKind]: RecordTable<DocumentRecordTypes[K]> };

/**
 * The current records of one document as a RecordTable per type, changed
 * in place by diffs: applying a step costs the records it touches.
 */
export class DocumentTables implements RecordLookup {
  private readonly tables: Tables;
  private recordsCache: DocumentRecords | null = null;

  constructor(records: Partial<DocumentRecords> = {}) {
    const r = { ...EMPTY_RECORDS, ...records };
    this.tables = {
      shape: new RecordTable(r.shape),
      track: new RecordTable(r.track),
      frameTag: new RecordTable(r.frameTag),
      shots: new RecordTable(r.shots),
      sceneScores: new RecordTable(r.sceneScores),
    };
  }

  table<K extends DocumentRecordKind>(kind: K): RecordTable<DocumentRecordTypes[K]> {
    return this.tables[kind];
  }

  get<K extends DocumentRecordKind>(kind: K, id: string): DocumentRecordTypes[K] | undefined {
    return this.tables[kind].get(id);
  }

  /** Every type's rows; a type's array keeps its identity until that type changes. */
  get records(): DocumentRecords {
    const t = this.tables;
    return (this.recordsCache ??= {
      shape: t.shape.rows,
      track: t.track.rows,
      frameTag: t.frameTag.rows,
      shots: t.shots.rows,
      sceneScores: t.sceneScores.rows,
    });
  }

  apply(diff: DocumentDiff): void {
    for (const kind of DOCUMENT_RECORD_KINDS) {
      const change = diff[kind] as RecordChange<{ id: string }> | undefined;
      if (change && (this.tables[kind] as RecordTable<{ id: string }>).apply(change)) this.recordsCache = null;
    }
  }
}
