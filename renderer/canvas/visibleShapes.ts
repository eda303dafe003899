import type { Box, Shape } from '../../core/model/shape';
import { SpatialGrid } from '../../core/geometry/spatialGrid';

export interface ShapeIndex {
  /** Shapes whose box meets `rect` (image pixels). */
  query(rect: Box): Shape[];
}

/**
 * Viewport culling for the static layer. Built once per shapes identity
 * (i.e. per committed change), so a pan or zoom frame only pays the query.
 */
export function createShapeIndex(shapes: readonly Shape[]): ShapeIndex {
  const grid = new SpatialGrid();
  const byId = new Map<string, Shape>();
  for (const s of shapes) {
    grid.insert(s.id, s.box);
    byId.set(s.id, s);
  }
  return {
    query(rect) {
      const out: Shape[] = [];
      for (const id of grid.query(rect)) {
        const s = byId.get(id);
        if (s) out.push(s);
      }
      return out;
    },
  };
}
