import type { Box } from '../../core/model/shape';
import type { Preview } from './types';

/** Shapes a preview shows somewhere else than stored: the canvas draws these boxes in their place. */
export function previewBoxes(preview: Preview): Map<string, Box> {
  if (!preview) return new Map();
  if (preview.kind === 'transform') return new Map([[preview.shapeId, preview.box]]);
  if (preview.kind === 'translate') return new Map(preview.boxes.map((b) => [b.shapeId, b.box]));
  return new Map();
}
