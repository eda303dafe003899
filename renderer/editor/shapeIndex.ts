import type { Shape } from '../../core/model/shape';
import { SpatialGrid } from '../../core/geometry/spatialGrid';

/**
 * Keeps a SpatialGrid in step with the document's shapes. Shapes are
 * immutable records, so identity tells which ones changed.
 */
export class ShapeIndex {
  readonly grid = new SpatialGrid();
  private byId = new Map<string, Shape>();

  sync(shapes: readonly Shape[]): void {
    const next = new Map<string, Shape>();
    for (const s of shapes) {
      next.set(s.id, s);
      const prev = this.byId.get(s.id);
      if (prev === s) continue;
      if (prev) this.grid.update(s.id, s.box);
      else this.grid.insert(s.id, s.box);
    }
    for (const id of this.byId.keys()) if (!next.has(id)) this.grid.remove(id);
    this.byId = next;
  }

  get(id: string): Shape | undefined {
    return this.byId.get(id);
  }

  hitTest(x: number, y: number, tolerance: number): string | null {
    return this.grid.hitTest(x, y, tolerance)[0] ?? null;
  }
}
