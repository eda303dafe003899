import type { Box } from '../../core/model/shape';
import { imageToScreen, type Point } from './camera';
import type { Camera, HandleId } from './types';

/** How close (screen px) the pointer must be to a handle to grab it. */
export const HANDLE_HIT_PX = 8;

export const HANDLE_IDS: readonly HandleId[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Handle centres in image coordinates. */
export function handlePoints(b: Box): Record<HandleId, Point> {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const r = b.x + b.w;
  const btm = b.y + b.h;
  return {
    nw: { x: b.x, y: b.y },
    n: { x: cx, y: b.y },
    ne: { x: r, y: b.y },
    e: { x: r, y: cy },
    se: { x: r, y: btm },
    s: { x: cx, y: btm },
    sw: { x: b.x, y: btm },
    w: { x: b.x, y: cy },
  };
}

/** Corners first: with strict "<" below they win ties, so tiny boxes stay resizable diagonally. */
const HIT_ORDER: readonly HandleId[] = ['nw', 'ne', 'se', 'sw', 'n', 'e', 's', 'w'];

/** The handle nearest the screen point within `tolerance` screen px (Chebyshev distance), or null. */
export function hitHandle(b: Box, camera: Camera, sx: number, sy: number, tolerance = HANDLE_HIT_PX): HandleId | null {
  let best: HandleId | null = null;
  let bestDist = tolerance + 1e-9;
  const points = handlePoints(b);
  for (const id of HIT_ORDER) {
    const p = imageToScreen(camera, points[id].x, points[id].y);
    const d = Math.max(Math.abs(p.x - sx), Math.abs(p.y - sy));
    if (d < bestDist) {
      best = id;
      bestDist = d;
    }
  }
  return best;
}

export const HANDLE_CURSORS: Record<HandleId, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
};
