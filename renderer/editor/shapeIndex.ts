import type { Box, Shape } from '../../core/model/shape';
import type { RecordChange } from '../../core/model/documentDiff';
import { SpatialGrid } from '../../core/geometry/spatialGrid';

/** The shape index as the canvas and panels read it (the editor alone changes it). */
export interface ShapeIndexView {
  /** Bumped on every change of the shapes. */
  readonly version: number;
  readonly size: number;
  get(id: string): Shape | undefined;
  /** Shapes whose box meets `rect` (image pixels), in no particular order. */
  query(rect: Box): Shape[];
  /**
   * Image areas that changed since `version` (the old and new box of each
   * shape put or removed), or null when that is too far back to tell (then
   * redraw everything).
   */
  changedSince(version: number): Box[] | null;
}

/** Changed boxes the log keeps at least; readers further behind redraw everything. */
const MAX_LOGGED_BOXES = 4096;

/**
 * The ONE spatial index of an open document's shapes, shared by the editor
 * (hit tests, lookups) and the canvas (viewport culling, redraw of changed
 * areas). A step updates only the shapes it touched (`apply`), so an edit
 * costs the same with 100 or 100,000 shapes; `resync` compares a whole list
 * by identity for committers that cannot say what changed.
 */
export class ShapeIndex implements ShapeIndexView {
  /** Boxes and their shapes: the one map of the open document's shapes by id. */
  private readonly grid = new SpatialGrid<Shape>();
  private log: { version: number; box: Box }[] = [];
  /** Oldest version the log can answer from. */
  private logFrom = 0;
  version = 0;

  get size(): number {
    return this.grid.size;
  }

  get(id: string): Shape | undefined {
    return this.grid.get(id);
  }

  values(): IterableIterator<Shape> {
    return this.grid.values();
  }

  query(rect: Box): Shape[] {
    return this.grid.queryValues(rect);
  }

  hitTest(x: number, y: number, tolerance: number): string | null {
    return this.grid.hitTest(x, y, tolerance)[0] ?? null;
  }

  /** One step's shape part: puts replace or add, removes drop; O(shapes in the change). */
  apply(change: RecordChange<Shape>): void {
    if (change.put.length === 0 && change.remove.length === 0) return;
    this.version++;
    const removed = change.remove.length > 0 ? new Set(change.remove) : null;
    for (const s of change.put) if (!removed?.has(s.id)) this.put(s);
    if (removed) for (const id of removed) this.drop(id);
  }

  /** The whole list from a committer that gave no diff: shapes are immutable records, so identity tells which changed. */
  resync(shapes: readonly Shape[]): void {
    let changed = false;
    const seen = new Set<string>();
    for (const s of shapes) {
      seen.add(s.id);
      if (this.grid.get(s.id) === s) continue;
      changed = true;
      this.put(s);
    }
    if (seen.size !== this.grid.size) {
      changed = true;
      for (const s of [...this.grid.values()]) if (!seen.has(s.id)) this.drop(s.id);
    }
    if (!changed) return;
    // A whole-list change is no small area: readers redraw everything.
    this.version++;
    this.log = [];
    this.logFrom = this.version;
  }

  changedSince(version: number): Box[] | null {
    if (version < this.logFrom) return null;
    const out: Box[] = [];
    for (let i = this.log.length - 1; i >= 0 && this.log[i]!.version > version; i--) out.push(this.log[i]!.box);
    return out;
  }

  private put(s: Shape): void {
    const old = this.grid.get(s.id);
    if (old) this.note(old.box);
    // Like the committer's table: an existing id keeps its place in draw order, a new one appends.
    if (old) this.grid.update(s.id, s.box, s);
    else this.grid.insert(s.id, s.box, s);
    this.note(s.box);
  }

  private drop(id: string): void {
    const old = this.grid.get(id);
    if (!old) return;
    this.note(old.box);
    this.grid.remove(id);
  }

  private note(box: Box): void {
    this.log.push({ version: this.version, box });
    if (this.log.length > 2 * MAX_LOGGED_BOXES) {
      // Keep the newest half; readers further behind than that redraw everything.
      this.logFrom = this.log[this.log.length - MAX_LOGGED_BOXES - 1]!.version;
      this.log = this.log.slice(-MAX_LOGGED_BOXES);
    }
  }
}
