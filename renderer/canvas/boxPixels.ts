import type { Shape } from '../../core/model/shape';
import type { Camera } from '../editor/types';
import type { BoxStyle } from './boxLabels';

/** A device-pixel bitmap (RGBA bytes viewed as one 32-bit word per pixel) and the part of it a pass may write. */
export interface PixelTarget {
  pixels: Uint32Array;
  width: number;
  height: number;
  /** Device px, inclusive-exclusive; outlines are cut to it. */
  clip: { x0: number; y0: number; x1: number; y1: number };
}

/** On/off lengths (px) of the dash of pending pre-labels. */
const DASH_ON = 5;
const DASH_PERIOD = 9;

const packed = new Map<string, number>();
/** '#rrggbb' as the 32-bit pixel value of an opaque colour (little-endian RGBA bytes). */
export function pixelColor(hex: string): number {
  let v = packed.get(hex);
  if (v === undefined) {
    const n = parseInt(hex.slice(1, 7), 16);
    const bytes = new Uint8Array([(n >> 16) & 255, (n >> 8) & 255, n & 255, 255]);
    v = new Uint32Array(bytes.buffer)[0]!;
    packed.set(hex, v);
  }
  return v;
}

/**
 * Writes each box's outline as 1-device-pixel lines straight into the
 * bitmap: a few array stores per screen pixel of outline and no path, so
 * 100,000 boxes zoomed out cost milliseconds where stroking them as canvas
 * paths costs a hundred or more (and dashed ones far more). Pending
 * pre-labels are dashed; with `style.double` a second inset outline makes
 * boxes read as 2 px. Later boxes draw over earlier ones, as on a canvas.
 */
export function strokeBoxPixels(target: PixelTarget, shapes: readonly Shape[], camera: Camera, pixelRatio: number, colorOf: (classId: string) => string, style: BoxStyle): void {
  const z = camera.zoom * pixelRatio;
  const ox = camera.x * pixelRatio;
  const oy = camera.y * pixelRatio;
  const colors = new Map<string, number>();
  for (const s of shapes) {
    const b = s.box;
    const x1 = Math.round(b.x * z + ox);
    const y1 = Math.round(b.y * z + oy);
    const x2 = Math.round((b.x + b.w) * z + ox);
    const y2 = Math.round((b.y + b.h) * z + oy);
    let color = colors.get(s.classId);
    if (color === undefined) colors.set(s.classId, (color = pixelColor(colorOf(s.classId))));
    const dashed = s.prelabel?.review === 'pending';
    strokeRect(target, x1, y1, x2, y2, color, dashed);
    if (style.double && !dashed && x2 - x1 > 2 && y2 - y1 > 2) strokeRect(target, x1 + 1, y1 + 1, x2 - 1, y2 - 1, color, false);
  }
}

function strokeRect(t: PixelTarget, x1: number, y1: number, x2: number, y2: number, color: number, dashed: boolean): void {
  const { x0, y0, x1: cx1, y1: cy1 } = t.clip;
  if (x2 < x0 || x1 >= cx1 || y2 < y0 || y1 >= cy1) return;
  hLine(t, y1, x1, x2, color, dashed);
  if (y2 !== y1) hLine(t, y2, x1, x2, color, dashed);
  vLine(t, x1, y1 + 1, y2 - 1, color, dashed, 1);
  if (x2 !== x1) vLine(t, x2, y1 + 1, y2 - 1, color, dashed, 1);
}

function hLine(t: PixelTarget, y: number, from: number, to: number, color: number, dashed: boolean): void {
  const { clip, pixels, width } = t;
  if (y < clip.y0 || y >= clip.y1) return;
  const a = Math.max(from, clip.x0);
  const b = Math.min(to, clip.x1 - 1);
  const row = y * width;
  if (!dashed) {
    if (b >= a) pixels.fill(color, row + a, row + b + 1);
    return;
  }
  for (let x = a; x <= b; x++) if ((x - from) % DASH_PERIOD < DASH_ON) pixels[row + x] = color;
}

function vLine(t: PixelTarget, x: number, from: number, to: number, color: number, dashed: boolean, phase: number): void {
  const { clip, pixels, width } = t;
  if (x < clip.x0 || x >= clip.x1) return;
  const a = Math.max(from, clip.y0);
  const b = Math.min(to, clip.y1 - 1);
  for (let y = a; y <= b; y++) if (!dashed || (y - from + phase) % DASH_PERIOD < DASH_ON) pixels[y * width + x] = color;
}

/** Moves the whole bitmap by (dx, dy) device px; what comes into view is left as it was (the caller redraws it). */
export function shiftPixels(pixels: Uint32Array, width: number, height: number, dx: number, dy: number): void {
  const len = width - Math.abs(dx);
  if (len <= 0 || Math.abs(dy) >= height) return;
  const srcX = Math.max(0, -dx);
  const dstX = Math.max(0, dx);
  if (dy > 0) for (let y = height - 1; y >= dy; y--) pixels.copyWithin(y * width + dstX, (y - dy) * width + srcX, (y - dy) * width + srcX + len);
  else for (let y = 0; y < height + dy; y++) pixels.copyWithin(y * width + dstX, (y - dy) * width + srcX, (y - dy) * width + srcX + len);
}
