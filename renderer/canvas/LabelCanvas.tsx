import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import type { EditorSnapshot } from '../editor/types';
import { previewBoxes } from '../editor/previewBoxes';
import type { CanvasInputSink } from './canvasInput';
import { classColorLookup } from './classColors';
import { InteractiveLayer } from './InteractiveLayer';
import { shapeTextLookup } from './shapeText';
import { StaticShapesLayer } from './StaticShapesLayer';
import type { RasterDraw } from './shapeRaster';
import { useCanvasPointer } from './useCanvasPointer';
import { useElementSize } from './useElementSize';
import { useHtmlImage } from './useHtmlImage';

export type CanvasSnapshot = Pick<
  EditorSnapshot,
  'item' | 'labelSchema' | 'shapeIndex' | 'shapesVersion' | 'selectedIds' | 'hoveredId' | 'preview' | 'camera' | 'toolState' | 'cursor'
>;

interface Props {
  snapshot: CanvasSnapshot;
  imageUrl: string | null;
  input: CanvasInputSink | null;
  /** Diagnostics (the bench): called after each static-layer redraw with the boxes in view and what had to be drawn. */
  onStaticDraw?: (boxCount: number, drawn: RasterDraw, updateMs: number) => void;
  /** An already decoded picture (video frames), used instead of loading `imageUrl`. */
  image?: HTMLImageElement | null;
  /** Extra Konva layers drawn over the shapes (e.g. track marks on video frames). */
  overlay?: ReactNode;
}

/**
 * The labeling canvas: image layer, one static layer for all shapes, and an
 * interactive layer for the selection. It renders the editor's snapshot and
 * sends input back; it never changes shapes itself (the canvas proposes
 * through the editor, the store commits).
 */
export function LabelCanvas({ snapshot, imageUrl, input, onStaticDraw, image: decoded, overlay }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(containerRef);
  const loaded = useHtmlImage(decoded === undefined ? imageUrl : null);
  const image = decoded === undefined ? loaded.image : decoded;
  const error = decoded === undefined ? loaded.error : null;
  const { camera, shapeIndex, labelSchema, preview } = snapshot;
  const colorOf = useMemo(() => classColorLookup(labelSchema), [labelSchema]);
  const textOf = useMemo(() => shapeTextLookup(labelSchema), [labelSchema]);
  const viewport = useMemo(() => ({ width: size.width, height: size.height }), [size.width, size.height]);
  const onDrawn = useFirstRenderMark(snapshot.item?.id ?? null, onStaticDraw);
  const moving = useMemo(() => previewBoxes(preview), [preview]);
  const hiddenIds = useStableIdSet(moving);

  useCanvasPointer(containerRef, input);
  useEffect(() => {
    if (input && viewport.width > 0 && viewport.height > 0) input.setViewport(viewport);
  }, [input, viewport]);

  return (
    <div
      ref={containerRef}
      className="canvas-container"
      data-testid="canvas-container"
      data-camera={JSON.stringify({ x: camera.x, y: camera.y, zoom: camera.zoom })}
      data-tool-state={snapshot.toolState}
      tabIndex={-1}
      style={{ position: 'relative', flex: '1 1 auto', minWidth: 0, minHeight: 0, overflow: 'hidden', outline: 'none', cursor: snapshot.cursor }}
    >
      {viewport.width > 0 && (
        <Stage width={viewport.width} height={viewport.height} listening={false}>
          <Layer listening={false} imageSmoothingEnabled={camera.zoom < 3}>
            {image && <KonvaImage image={image} x={camera.x} y={camera.y} scaleX={camera.zoom} scaleY={camera.zoom} listening={false} />}
          </Layer>
          <StaticShapesLayer
            index={shapeIndex}
            version={snapshot.shapesVersion}
            camera={camera}
            viewport={viewport}
            colorOf={colorOf}
            textOf={textOf}
            hiddenIds={hiddenIds}
            onDrawn={onDrawn}
          />
          <InteractiveLayer
            index={shapeIndex}
            selectedIds={snapshot.selectedIds}
            hoveredId={snapshot.hoveredId}
            preview={preview}
            moving={moving}
            camera={camera}
            colorOf={colorOf}
            textOf={textOf}
          />
          {overlay}
        </Stage>
      )}
      {error && <div className="canvas-message">{error}</div>}
    </div>
  );
}

/** Marks `gw:first-render` once per opened item, the first time its shapes reach the screen. */
type StaticDrawListener = (boxCount: number, drawn: RasterDraw, updateMs: number) => void;

function useFirstRenderMark(itemId: string | null, onStaticDraw?: StaticDrawListener): StaticDrawListener {
  const marked = useRef<string | null>(null);
  return useCallback(
    (boxCount, drawn, updateMs) => {
      onStaticDraw?.(boxCount, drawn, updateMs);
      if (itemId === null || marked.current === itemId) return;
      marked.current = itemId;
      performance.mark('gw:first-render', { detail: { itemId } });
    },
    [itemId, onStaticDraw],
  );
}

/**
 * The ids of shapes under a gesture as a set whose identity changes only when
 * the ids do, so the static layer redraws at gesture start and end, not on
 * every pointer move.
 */
function useStableIdSet(moving: ReadonlyMap<string, unknown>): ReadonlySet<string> {
  const key = [...moving.keys()].join('\n');
  return useMemo(() => new Set(moving.keys()), [key]);
}
