import type { Shape } from '../../../core/model/shape';
import { ShapeHistory } from '../../document/shapeHistory';
import type { ShapeChange } from '../../document/shapeChange';
import type { VideoState } from '../../document/videoChange';
import type { DocumentDiff } from '../../document/documentDiff';
import type { VideoCommitter } from '../video/videoTypes';

/** An in-memory ShapeCommitter with the store's undo semantics (same history code), for tests and benches. */
export class MemoryCommitter implements VideoCommitter {
  private readonly doc: ShapeHistory;
  private readonly listeners = new Set<(applied?: DocumentDiff) => void>();
  /** Every non-empty commit as received, for assertions. */
  readonly commits: { change: ShapeChange; history: boolean; label: string }[] = [];

  constructor(
    initial: readonly Shape[] = [],
    private readonly now: () => number = Date.now,
    video?: VideoState,
  ) {
    this.doc = new ShapeHistory(initial, [], video);
  }

  getShapes(): readonly Shape[] {
    return this.doc.shapes;
  }

  getVideo(): VideoState {
    return this.doc.video;
  }

  subscribe(listener: (applied?: DocumentDiff) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commit(change: ShapeChange, options: { history: boolean; label: string }): void {
    const done = this.doc.commit(change, options.history ? { label: options.label, at: this.now() } : null);
    if (!done) return;
    this.commits.push({ change, ...options });
    this.notify(done.diff);
  }

  undo(): void {
    const done = this.doc.undo(this.now());
    if (done) this.notify(done.diff);
  }

  redo(): void {
    const done = this.doc.redo(this.now());
    if (done) this.notify(done.diff);
  }

  canUndo(): boolean {
    return this.doc.canUndo();
  }

  canRedo(): boolean {
    return this.doc.canRedo();
  }

  private notify(applied: DocumentDiff): void {
    for (const l of this.listeners) l(applied);
  }
}
