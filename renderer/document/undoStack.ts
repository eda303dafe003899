import type { DocumentDiff } from '../../core/model/documentDiff';

/** One undo step: what it did (`redo`) and how to take it back (`undo`). */
export interface HistoryEntry {
  /** Increasing per item; the order of steps. */
  seq: number;
  label: string;
  at: number;
  /** What the step did and how to take it back, over every record type. */
  redo: DocumentDiff;
  undo: DocumentDiff;
  /** True while the step sits on the redo side. */
  undone: boolean;
}

/**
 * Linear undo history with a persisted "undone" flag per entry instead of a
 * cursor, so a store can rebuild the exact stack from its rows after reload.
 * Callers persist what each method reports as changed.
 */
export class UndoStack {
  private done: HistoryEntry[] = [];
  /** Redo side, next redo last. */
  private undoneStack: HistoryEntry[] = [];
  private nextSeq = 1;

  constructor(entries: readonly HistoryEntry[] = []) {
    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    for (const e of sorted) (e.undone ? this.undoneStack : this.done).push(e);
    this.undoneStack.reverse();
    this.nextSeq = (sorted.at(-1)?.seq ?? 0) + 1;
  }

  canUndo(): boolean {
    return this.done.length > 0;
  }

  canRedo(): boolean {
    return this.undoneStack.length > 0;
  }

  /** Records a new step; the redo branch is dropped and returned so the caller can delete it. */
  push(step: Omit<HistoryEntry, 'seq' | 'undone'>): { entry: HistoryEntry; dropped: HistoryEntry[] } {
    const dropped = this.undoneStack;
    this.undoneStack = [];
    const entry: HistoryEntry = { ...step, seq: this.nextSeq++, undone: false };
    this.done.push(entry);
    return { entry, dropped };
  }

  /** Moves the latest step to the redo side and returns it (already flagged undone). */
  undo(): HistoryEntry | null {
    const e = this.done.pop();
    if (!e) return null;
    const flagged = { ...e, undone: true };
    this.undoneStack.push(flagged);
    return flagged;
  }

  redo(): HistoryEntry | null {
    const e = this.undoneStack.pop();
    if (!e) return null;
    const flagged = { ...e, undone: false };
    this.done.push(flagged);
    return flagged;
  }

  get size(): number {
    return this.done.length + this.undoneStack.length;
  }
}
