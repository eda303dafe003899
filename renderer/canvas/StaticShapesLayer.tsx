import { useCallback, useMemo } from 'react';
import { Layer, Shape as KonvaShape } from 'react-konva';
import type Konva from 'konva';
import type { Shape } from '../../core/model/shape';
import type { Camera, Viewport } from '../editor/types';
import { drawBoxes } from './drawBoxes';
import { visibleImageRect } from './cameraMath';
import { createShapeIndex } from './visibleShapes';
import type { ShapeTextOf } from './shapeText';

interface Props {
  shapes: readonly Shape[];
  camera: Camera;
  viewport: Viewport;
  colorOf: (classId: string) => string;
  /** Each box's text to write under it (OCR text); null when no class has any. */
  textOf?: ShapeTextOf | null;
  /** Shapes being moved or resized are drawn by the interactive layer instead. */
  hiddenIds: ReadonlySet<string>;
  /** Called after each redraw with the number of boxes drawn. */
  onDrawn?: (boxCount: number) => void;
}

/**
 * All shapes as ONE Konva node whose sceneFunc strokes the boxes in the
 * viewport, batched by colour. The layer does not listen (the editor
 * hit-tests), and it redraws only when its sceneFunc changes identity,
 * i.e. when shapes, camera, viewport, colours or texts change.
 */
export function StaticShapesLayer({ shapes, camera, viewport, colorOf, textOf, hiddenIds, onDrawn }: Props) {
  const index = useMemo(() => createShapeIndex(shapes), [shapes]);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const visible = index.query(visibleImageRect(camera, viewport));
      const drawn = hiddenIds.size === 0 ? visible : visible.filter((s) => !hiddenIds.has(s.id));
      const count = drawBoxes(context._context, drawn, camera, colorOf, textOf);
      onDrawn?.(count);
    },
    [index, camera, viewport, colorOf, textOf, hiddenIds, onDrawn],
  );
  return (
    <Layer listening={false}>
      <KonvaShape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
}
