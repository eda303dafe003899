import { useCallback, useState } from 'react';
import { Layer, Shape as KonvaShape } from 'react-konva';
import type Konva from 'konva';
import type { Camera, Viewport } from '../editor/types';
import type { ShapeIndexView } from '../editor/shapeIndex';
import { ShapeRaster } from './shapeRaster';
import { drawBoxLabels } from './boxLabels';
import { visibleImageRect } from './cameraMath';
import type { ShapeTextOf } from './shapeText';

interface Props {
  /** The editor's shape index (snapshot.shapeIndex) and the version to show (snapshot.shapesVersion). */
  index: ShapeIndexView;
  version: number;
  camera: Camera;
  viewport: Viewport;
  colorOf: (classId: string) => string;
  /** Each box's text to write under it (OCR text); null when no class has any. */
  textOf?: ShapeTextOf | null;
  /** Shapes being moved or resized are drawn by the interactive layer instead. */
  hiddenIds: ReadonlySet<string>;
  /** Called after each redraw with the number of boxes in view (at the last full redraw) and what had to be drawn. */
  onDrawn?: (boxCount: number, drawn: 'full' | 'partial' | 'none') => void;
}

/**
 * All shapes as ONE Konva node showing a ShapeRaster (a bitmap of the
 * outlines in the viewport that an edit or a pan updates only where
 * something changed) with the scores and texts drawn over it. The layer does not listen (the editor
 * hit-tests), and it redraws only when its sceneFunc changes identity, i.e.
 * when the shapes' version, camera, viewport, colours, texts or hidden
 * shapes change — never on a pointer move during a gesture.
 */
export function StaticShapesLayer({ index, version, camera, viewport, colorOf, textOf, hiddenIds, onDrawn }: Props) {
  const [raster] = useState(() => new ShapeRaster());
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const pixelRatio = context.canvas.getPixelRatio();
      const drawn = raster.update({ index, version, camera, viewport, pixelRatio, colorOf, textOf: textOf ?? null, hidden: hiddenIds });
      const ctx = context._context;
      ctx.drawImage(raster.canvas, 0, 0, viewport.width, viewport.height);
      // Labels are few by construction (the style turns them off in crowded views) and follow the exact camera.
      const style = raster.style;
      if (style && (style.scores || (style.texts && textOf))) {
        const visible = index.query(visibleImageRect(camera, viewport)).filter((s) => !hiddenIds.has(s.id));
        drawBoxLabels(ctx, visible, camera, colorOf, textOf, style);
      }
      onDrawn?.(raster.boxCount, drawn);
    },
    [raster, index, version, camera, viewport, colorOf, textOf, hiddenIds, onDrawn],
  );
  return (
    <Layer listening={false}>
      <KonvaShape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
}
