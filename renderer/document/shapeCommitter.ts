import type { Shape } from '../../core/model/shape';
import type { ShapeChange } from './shapeChange';
import type { DocumentDiff } from './documentDiff';

/**
 * Where the editor's changes go: the editor proposes a `ShapeChange`, a
 * committer (the store's ItemDocument, review's ReviewCommitter, the editor's
 * test MemoryCommitter) commits it. `commit` applies the change to the
 * in-memory document at once (so the canvas updates in the same frame) and
 * makes it durable; with `history: true` it becomes one undo step.
 */
export interface ShapeCommitter {
  commit(change: ShapeChange, options: { history: boolean; label: string }): void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** The document's current shapes; identity changes on every change (commit, undo, redo, external merge). */
  getShapes(): readonly Shape[];
  /**
   * Called after every change of getShapes(); returns the unsubscribe
   * function. A committer that knows the diff it applied passes it (the
   * DocumentHistory result's `diff`): the editor then updates its index for
   * just those records instead of comparing every shape. Without it the
   * editor compares the whole list (O(shapes) per change).
   */
  subscribe(listener: (applied?: DocumentDiff) => void): () => void;
}
