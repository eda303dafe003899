import { EMPTY_RECORDS, isEmptyDiff, type DocumentDiff, type DocumentRecords } from '../../core/model/documentDiff';
import { diffOfChange, type ShapeChange } from '../../core/model/editChange';
import type { Shape } from '../../core/model/shape';
import { applyDiff, invertDiff, restampDiff } from './documentDiff';
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
 * touches, so a box made into a track is one step. Every committer shares
 * this (the store's ItemDocument persists what it reports; the test
 * MemoryCommitter keeps it in memory).
 */
export class DocumentHistory {
  private state: DocumentRecords;
  private readonly stack: UndoStack;
  private videoView: { of: DocumentRecords | null; view: VideoState } = { of: null, view: EMPTY_VIDEO };

  constructor(records: Partial<DocumentRecords> = {}, entries: readonly HistoryEntry[] = []) {
    this.state = { ...EMPTY_RECORDS, ...records };
    this.stack = new UndoStack(entries);
  }

  get records(): DocumentRecords {
    return this.state;
  }

  get shapes(): readonly Shape[] {
    return this.state.shape;
  }

  /** The video view of the records; identity changes only when a track, tag, shots or scores record changes. */
  get video(): VideoState {
    const { of, view } = this.videoView;
    const s = this.state;
    if (of && of.track === s.track && of.frameTag === s.frameTag && of.shots === s.shots && of.sceneScores === s.sceneScores) return view;
    this.videoView = { of: s, view: videoStateOf(s) };
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
    const undo = invertDiff(this.state, diff);
    this.state = applyDiff(this.state, diff);
    if (!history) return { entry: null, dropped: [], diff };
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
    this.state = applyDiff(this.state, diff);
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
    const restamped = restampDiff(diff, this.state, now);
    this.state = applyDiff(this.state, restamped);
    return restamped;
  }
}
