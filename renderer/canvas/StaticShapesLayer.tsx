import { useCallback, useEffect, useRef, useState } from 'react';
import { Layer, Shape as KonvaShape } from 'react-konva';
import type Konva from 'konva';
import type { Camera, Viewport } from '../editor/types';
import type { ShapeIndexView } from '../editor/shapeIndex';
import { ShapeRaster, type RasterDraw } from './shapeRaster';
import { ZOOM_REST_MS } from './zoomRest';
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
  /** Called after each redraw with the number of boxes in view (at the last full redraw), what had to be drawn and how long the bitmap update took (ms). */
  onDrawn?: (boxCount: number, drawn: RasterDraw, updateMs: number) => void;
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
  const zoomChangedAt = useZoomRest(camera.zoom);
  const [restTick, setRestTick] = useState(0);
  // Once the zoom has rested, draw again (exactly): nothing else would ask for a frame.
  useEffect(() => {
    const timer = setTimeout(() => setRestTick((t) => t + 1), ZOOM_REST_MS);
    return () => clearTimeout(timer);
  }, [camera.zoom]);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const pixelRatio = context.canvas.getPixelRatio();
      const zoomResting = performance.now() - zoomChangedAt.current >= ZOOM_REST_MS;
      const t0 = performance.now();
      const drawn = raster.update({ index, version, camera, viewport, pixelRatio, colorOf, textOf: textOf ?? null, hidden: hiddenIds, zoomResting });
      const updateMs = performance.now() - t0;
      const ctx = context._context;
      raster.drawTo(ctx, viewport);
      // Labels are few by construction (the style turns them off in crowded views) and follow the exact camera.
      const style = raster.style;
      if (style && (style.scores || (style.texts && textOf))) {
        const visible = index.query(visibleImageRect(camera, viewport)).filter((s) => !hiddenIds.has(s.id));
        drawBoxLabels(ctx, visible, camera, colorOf, textOf, style);
      }
      onDrawn?.(raster.boxCount, drawn, updateMs);
    },
    // restTick: a new sceneFunc (so a redraw) once the zoom rests.
    [raster, index, version, camera, viewport, colorOf, textOf, hiddenIds, onDrawn, restTick, zoomChangedAt],
  );
  return (
    <Layer listening={false}>
      <KonvaShape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
}

/** When the zoom last changed (performance.now()), kept across renders without causing one. */
function useZoomRest(zoom: number): { readonly current: number } {
  const lastZoom = useRef(zoom);
  const changedAt = useRef(-Infinity);
  if (lastZoom.current !== zoom) {
    lastZoom.current = zoom;
    changedAt.current = performance.now();
  }
  return changedAt;
}
