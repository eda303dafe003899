import type { Shape } from '../../core/model/shape';
import { applyChange, byId, invertChange, restampChange } from './recordChange';
import { isEmptyChange, type ShapeChange } from './shapeChange';
import { UndoStack, type HistoryEntry } from './undoStack';
import { applyVideoChange, EMPTY_VIDEO, invertVideoChange, restampVideoChange, type VideoState } from './videoChange';

/**
 * Shapes plus their undo history: the semantics every ShapeCommitter shares
 * (the store's ItemDocument persists what this reports; the test
 * MemoryCommitter just keeps it in memory). Video items also carry tracks,
 * frame tags and segments here, so a step that touches both (a box made into
 * a track) is one undo step.
 */
export class ShapeHistory {
  private current: readonly Shape[];
  private videoState: VideoState;
  private readonly stack: UndoStack;

  constructor(shapes: readonly Shape[] = [], entries: readonly HistoryEntry[] = [], video: VideoState = EMPTY_VIDEO) {
    this.current = shapes;
    this.videoState = video;
    this.stack = new UndoStack(entries);
  }

  get shapes(): readonly Shape[] {
    return this.current;
  }

  /** Identity changes only when a video part changes. */
  get video(): VideoState {
    return this.videoState;
  }

  canUndo(): boolean {
    return this.stack.canUndo();
  }

  canRedo(): boolean {
    return this.stack.canRedo();
  }

  /** Applies a change; with `history` it becomes an undo step (the dropped redo branch is returned). Null when empty. */
  commit(change: ShapeChange, history: { label: string; at: number } | null): { entry: HistoryEntry | null; dropped: HistoryEntry[] } | null {
    if (isEmptyChange(change)) return null;
    const before = byId(this.current);
    const undo: ShapeChange = invertChange(before, change);
    if (change.video) undo.video = invertVideoChange(this.videoState, change.video);
    this.apply(change);
    if (!history) return { entry: null, dropped: [] };
    return this.stack.push({ ...history, redo: change, undo });
  }

  /** Memory-only change that is never undone (someone else already stored it). */
  applyExternal(change: ShapeChange): boolean {
    if (isEmptyChange(change)) return false;
    this.apply(change);
    return true;
  }

  /** Takes back the latest step; returns the entry (now flagged undone) and the change applied. */
  undo(now: number): { entry: HistoryEntry; change: ShapeChange } | null {
    const entry = this.stack.undo();
    return entry ? { entry, change: this.replay(entry.undo, now) } : null;
  }

  redo(now: number): { entry: HistoryEntry; change: ShapeChange } | null {
    const entry = this.stack.redo();
    return entry ? { entry, change: this.replay(entry.redo, now) } : null;
  }

  private replay(change: ShapeChange, now: number): ShapeChange {
    const restamped: ShapeChange = restampChange(change, byId(this.current), now);
    if (change.video) restamped.video = restampVideoChange(change.video, this.videoState, now);
    this.apply(restamped);
    return restamped;
  }

  private apply(change: ShapeChange): void {
    if (change.put.length > 0 || change.remove.length > 0) this.current = applyChange(this.current, change);
    if (change.video) this.videoState = applyVideoChange(this.videoState, change.video);
  }
}
