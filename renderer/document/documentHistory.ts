import { isEmptyDiff, type DocumentDiff, type DocumentRecords } from '../../core/model/documentDiff';
import { diffOfChange, type ShapeChange } from '../../core/model/editChange';
import type { Shape } from '../../core/model/shape';
import { invertDiff, restampDiff } from './documentDiff';
import { DocumentTables } from './documentTables';
import type { RecordTable } from './recordTable';
import { UndoStack, type HistoryEntry } from './undoStack';
import { EMPTY_VIDEO, videoStateOf, type VideoState } from './videoChange';

/** What a commit did: the entry pushed (null without history), the redo branch it dropped, and the diff applied. */
export interface CommitResult {
  entry: HistoryEntry | null;
  dropped: HistoryEntry[];
  diff: DocumentDiff;
}

/**
 * An item's records of every type (shapes, tracks, frame tags, shots, scene
 * scores) plus ONE undo history over all of them: each step is a
 * DocumentDiff, applied, inverted and restamped the same way whatever it
 * touches, so a box made into a track is one step. A step costs the records
 * it touches: the entry holds only them, and neither the step nor its undo
 * copies or indexes the untouched records. Every committer shares this (the
 * store's ItemDocument persists what it reports; the test MemoryCommitter
 * keeps it in memory).
 */
export class DocumentHistory {
  private readonly tables: DocumentTables;
  private readonly stack: UndoStack;
  private videoView: { of: readonly unknown[] | null; view: VideoState } = { of: null, view: EMPTY_VIDEO };

  constructor(records: Partial<DocumentRecords> = {}, entries: readonly HistoryEntry[] = []) {
    this.tables = new DocumentTables(records);
    this.stack = new UndoStack(entries);
  }

  get records(): DocumentRecords {
    return this.tables.records;
  }

  /** Every shape in draw order; identity changes on each shape change. Built on first read after a change: O(shapes), so hot paths use shapeById / shapeTable. */
  get shapes(): readonly Shape[] {
    return this.tables.table('shape').rows;
  }

  /** The live shape table: `get(id)`, `size`, `values()` without building the array. */
  get shapeTable(): RecordTable<Shape> {
    return this.tables.table('shape');
  }

  shapeById(id: string): Shape | undefined {
    return this.tables.get('shape', id);
  }

  get shapeCount(): number {
    return this.tables.table('shape').size;
  }

  /** The video view of the records; identity changes only when a track, tag, shots or scores record changes. */
  get video(): VideoState {
    const t = this.tables;
    const of = [t.table('track').rows, t.table('frameTag').rows, t.table('shots').rows, t.table('sceneScores').rows];
    const was = this.videoView.of;
    if (was && of.every((rows, i) => rows === was[i])) return this.videoView.view;
    this.videoView = { of, view: videoStateOf({ track: t.table('track').rows, frameTag: t.table('frameTag').rows, shots: t.table('shots').rows, sceneScores: t.table('sceneScores').rows }) };
    return this.videoView.view;
  }

  canUndo(): boolean {
    return this.stack.canUndo();
  }

  canRedo(): boolean {
    return this.stack.canRedo();
  }

  /** Applies a diff; with `history` it becomes an undo step (the dropped redo branch is returned). Null when empty. */
  commitDiff(diff: DocumentDiff, history: { label: string; at: number } | null): CommitResult | null {
    if (isEmptyDiff(diff)) return null;
    const undo = history ? invertDiff(this.tables, diff) : null;
    this.tables.apply(diff);
    if (!history || !undo) return { entry: null, dropped: [], diff };
    return { ...this.stack.push({ ...history, redo: diff, undo }), diff };
  }

  /** The editor's form of a step, converted to a diff (core/model/editChange.ts). */
  commit(change: ShapeChange, history: { label: string; at: number } | null): CommitResult | null {
    return this.commitDiff(diffOfChange(change), history);
  }

  /** Memory-only change that is never undone (someone else already stored it). */
  applyExternal(change: ShapeChange | DocumentDiff): boolean {
    const diff = 'put' in change && Array.isArray(change.put) ? diffOfChange(change as ShapeChange) : (change as DocumentDiff);
    if (isEmptyDiff(diff)) return false;
    this.tables.apply(diff);
    return true;
  }

  /** Takes back the latest step; returns the entry (now flagged undone) and the diff applied. */
  undo(now: number): { entry: HistoryEntry; diff: DocumentDiff } | null {
    const entry = this.stack.undo();
    return entry ? { entry, diff: this.replay(entry.undo, now) } : null;
  }

  redo(now: number): { entry: HistoryEntry; diff: DocumentDiff } | null {
    const entry = this.stack.redo();
    return entry ? { entry, diff: this.replay(entry.redo, now) } : null;
  }

  private replay(diff: DocumentDiff, now: number): DocumentDiff {
    const restamped = restampDiff(diff, this.tables, now);
    this.tables.apply(restamped);
    return restamped;
  }
}
