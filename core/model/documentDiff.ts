import { z } from 'zod';
import type { Shape } from './shape';
import type { FrameTag, Track } from './track';
import { SceneScoresSchema, ShotsSchema, type SceneScores, type Shots } from './shots';

/**
 * The records of one item's document, by type. Every type is keyed by `id`,
 * so one diff, one apply, one invert and one history serve all of them
 * (tldraw's RecordsDiff, with put/remove instead of added/updated/removed).
 */
export interface DocumentRecordTypes {
  shape: Shape;
  track: Track;
  frameTag: FrameTag;
  shots: Shots;
  sceneScores: SceneScores;
}
export type DocumentRecordKind = keyof DocumentRecordTypes;
export const DOCUMENT_RECORD_KINDS: readonly DocumentRecordKind[] = ['shape', 'track', 'frameTag', 'shots', 'sceneScores'];

/** Records of one type put (created or replaced whole, in their new state) or removed by id. */
export interface RecordChange<T> {
  put: T[];
  remove: string[];
}

/** One step of a document over all record types; a type it does not touch is absent. */
export type DocumentDiff = { [K in DocumentRecordKind]?: RecordChange<DocumentRecordTypes[K]> };

/** The current state of one document: every record type's rows in draw/creation order. */
export type DocumentRecords = { [K in DocumentRecordKind]: readonly DocumentRecordTypes[K][] };

export const EMPTY_RECORDS: DocumentRecords = { shape: [], track: [], frameTag: [], shots: [], sceneScores: [] };

export function isEmptyDiff(diff: DocumentDiff): boolean {
  return DOCUMENT_RECORD_KINDS.every((k) => {
    const c = diff[k];
    return !c || (c.put.length === 0 && c.remove.length === 0);
  });
}

/** Only checks for an id and keeps the record as it is (no copy): the record's own migrator reads it. */
const idRecord = z.custom<{ id: string }>((r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' && (r as { id: string }).id !== '', {
  message: 'expected a record with an id',
});
const change = <S extends z.ZodType>(record: S) => z.object({ put: z.array(record), remove: z.array(z.string()) });

/**
 * The stored form of a diff (inside history rows). Shapes, tracks and tags are
 * checked only for an id here: their own migrators read them (see
 * historyEntry.ts); shots and scene scores are checked whole.
 */
export const DocumentDiffSchema = z.object({
  shape: change(idRecord).optional(),
  track: change(idRecord).optional(),
  frameTag: change(idRecord).optional(),
  shots: change(ShotsSchema).optional(),
  sceneScores: change(SceneScoresSchema).optional(),
});
