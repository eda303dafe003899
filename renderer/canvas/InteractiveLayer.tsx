import { Fragment } from 'react';
import { Label, Layer, Rect, Tag, Text } from 'react-konva';
import type { Box, Shape } from '../../core/model/shape';
import type { Camera, Preview } from '../editor/types';
import type { ShapeIndexView } from '../editor/shapeIndex';
import { boxToScreen } from './cameraMath';
import { HANDLE_IDS, handlePoints } from '../editor/handles';
import { fitTextLine, type ShapeTextOf } from './shapeText';

/** Side of a drawn resize handle in screen pixels (the editor's grab tolerance is separate). */
const HANDLE_SIZE = 8;
/** The selected box's text is shown whatever the zoom, at least as long as this width (screen px) allows. */
const SELECTED_TEXT_WIDTH = 520;

interface Props {
  index: ShapeIndexView;
  selectedIds: readonly string[];
  hoveredId: string | null;
  preview: Preview;
  /** Shapes under a move/resize gesture, at their preview boxes. */
  moving: ReadonlyMap<string, Box>;
  camera: Camera;
  colorOf: (classId: string) => string;
  /** A box's text (OCR text), shown under the selected box. */
  textOf?: ShapeTextOf | null;
}

/** The few nodes that change during a gesture: hover and selection outlines, handles and the preview box. */
export function InteractiveLayer({ index, selectedIds, hoveredId, preview, moving, camera, colorOf, textOf }: Props) {
  const selected = new Set(selectedIds);
  // Selected shapes first, then anything else being moved (a move can start on an unselected shape).
  const emphasised = [...selectedIds, ...[...moving.keys()].filter((id) => !selected.has(id))]
    .map((id) => index.get(id))
    .filter((s): s is Shape => s !== undefined);
  const hovered = hoveredId && !selected.has(hoveredId) ? index.get(hoveredId) : undefined;
  return (
    <Layer listening={false}>
      {hovered && <Rect {...rectProps(boxToScreen(hovered.box, camera))} stroke={colorOf(hovered.classId)} strokeWidth={3} opacity={0.9} listening={false} />}
      {emphasised.map((s) => (
        <SelectedBox
          key={s.id}
          box={boxToScreen(moving.get(s.id) ?? s.box, camera)}
          color={colorOf(s.classId)}
          withHandles={selectedIds.length === 1 && selected.has(s.id)}
          text={textOf?.(s)}
        />
      ))}
      {preview?.kind === 'draw' && (
        <Rect {...rectProps(boxToScreen(preview.box, camera))} stroke={colorOf(preview.classId)} strokeWidth={1.5} dash={[6, 4]} listening={false} />
      )}
    </Layer>
  );
}

function SelectedBox({ box, color, withHandles, text }: { box: Box; color: string; withHandles: boolean; text?: string }) {
  return (
    <Fragment>
      {text !== undefined && (
        // Over the static layer's (shorter) line at the same place, whatever the zoom.
        <Label x={Math.round(box.x)} y={Math.round(box.y + box.h) + 2} listening={false}>
          <Tag fill="#111111" opacity={0.85} stroke={color} strokeWidth={1} />
          <Text text={fitTextLine(text, Math.max(box.w, SELECTED_TEXT_WIDTH))} fontSize={12} fontFamily="system-ui, sans-serif" fill="#ffffff" padding={3} />
        </Label>
      )}
      <Rect {...rectProps(box)} stroke="#ffffff" strokeWidth={3.5} opacity={0.85} listening={false} />
      <Rect {...rectProps(box)} stroke={color} strokeWidth={2} fill={withAlpha(color, 0.12)} listening={false} />
      {withHandles &&
        HANDLE_IDS.map((id) => {
          const h = handlePoints(box)[id];
          return (
          <Rect
            key={id}
            x={h.x - HANDLE_SIZE / 2}
            y={h.y - HANDLE_SIZE / 2}
            width={HANDLE_SIZE}
            height={HANDLE_SIZE}
            fill="#ffffff"
            stroke={color}
            strokeWidth={1.5}
            listening={false}
          />
          );
        })}
    </Fragment>
  );
}

function rectProps(b: Box): { x: number; y: number; width: number; height: number } {
  return { x: b.x, y: b.y, width: b.w, height: b.h };
}

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
