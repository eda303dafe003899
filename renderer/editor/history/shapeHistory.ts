import type { Shape } from '../../../core/model/shape';
import type { ShapeChange } from '../types';
import { applyChange, byId, invertChange, isEmptyChange, restampChange } from './shapeChange';
import { UndoStack, type HistoryEntry } from './undoStack';

/**
 * Shapes plus their undo history: the semantics every ShapeCommitter shares
 * (the store's ItemDocument persists what this reports; the test
 * MemoryCommitter just keeps it in memory).
 */
export class ShapeHistory {
  private current: readonly Shape[];
  private readonly stack: UndoStack;

  constructor(shapes: readonly Shape[] = [], entries: readonly HistoryEntry[] = []) {
    this.current = shapes;
    this.stack = new UndoStack(entries);
  }

  get shapes(): readonly Shape[] {
    return this.current;
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
    this.current = applyChange(this.current, change);
    if (!history) return { entry: null, dropped: [] };
    return this.stack.push({ ...history, redo: change, undo: invertChange(before, change) });
  }

  /** Memory-only change that is never undone (someone else already stored it). */
  applyExternal(change: ShapeChange): boolean {
    if (isEmptyChange(change)) return false;
    this.current = applyChange(this.current, change);
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
    const restamped = restampChange(change, byId(this.current), now);
    this.current = applyChange(this.current, restamped);
    return restamped;
  }
}
