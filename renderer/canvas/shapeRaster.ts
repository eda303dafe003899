import type { Box, Shape } from '../../core/model/shape';
import type { Camera, Viewport } from '../editor/types';
import type { ShapeIndexView } from '../editor/shapeIndex';
import { boxToScreen, visibleImageRect } from './cameraMath';
import { styleOfView, type BoxStyle } from './boxLabels';
import { shiftPixels, strokeBoxPixels } from './boxPixels';
import type { ShapeTextOf } from './shapeText';

/** What the static layer shows: every indexed shape but the hidden ones, through the camera. */
export interface RasterScene {
  index: ShapeIndexView;
  /** The index version the scene shows (the snapshot's shapesVersion). */
  version: number;
  camera: Camera;
  viewport: Viewport;
  pixelRatio: number;
  colorOf: (classId: string) => string;
  textOf: ShapeTextOf | null;
  /** Shapes drawn elsewhere (under a gesture, on the interactive layer). */
  hidden: ReadonlySet<string>;
  /**
   * False while the zoom is still changing (a wheel or pinch in progress):
   * then a crowded view shows the kept bitmap scaled instead of redrawing
   * every box each frame, and redraws exactly once the zoom rests.
   */
  zoomResting?: boolean;
}

/** What one update had to draw; 'scaled' showed the kept bitmap through the new camera (a zoom in progress). */
export type RasterDraw = 'full' | 'partial' | 'none' | 'scaled';

/**
 * From this many boxes in view a full redraw costs more than a frame on this
 * class of machine (bench:canvas: ~20 ms per 100k boxes idle, far more
 * loaded), so a zoom in progress scales the bitmap instead.
 */
export const SCALED_ZOOM_MIN_BOXES = 20_000;

/** Past this share of the viewport, a partial redraw costs about as much as a full one. */
const MAX_PARTIAL_SHARE = 0.4;

type Drawn = RasterScene & { style: BoxStyle; boxes: number };

/**
 * The static shapes' outlines as a bitmap kept between frames, brought up to
 * date with the least drawing: an edit or a gesture's start and end redraw
 * only the areas of the boxes that changed (found through the shared shape
 * index), a pan at the same zoom shifts the pixels and draws only the
 * uncovered strips; a zoom, a resize or new colours redraw the view. The
 * result is what a full redraw shows, up to half a pixel of pan rounding.
 * Outlines are written as pixels (boxPixels.ts); labels are drawn over the
 * bitmap each frame (boxLabels.ts).
 */
export class ShapeRaster {
  readonly canvas: HTMLCanvasElement = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  private drawn: Drawn | null = null;
  /** The camera a zoom in progress shows the bitmap through (drawn at `drawn.camera`); null when the bitmap is exact. */
  private scaledTo: Camera | null = null;

  constructor() {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('ShapeRaster: no 2D canvas context');
    this.ctx = ctx;
  }

  /** Boxes in view at the last full redraw. */
  get boxCount(): number {
    return this.drawn?.boxes ?? 0;
  }

  /** The style decided at the last full redraw (labels follow it). */
  get style(): BoxStyle | null {
    return this.drawn?.style ?? null;
  }

  /** Brings the bitmap to `scene`; returns what it had to draw. */
  update(scene: RasterScene): RasterDraw {
    const was = this.drawn;
    this.scaledTo = null;
    if (was && scene.zoomResting === false && showsScaled(was, scene)) {
      this.scaledTo = scene.camera;
      return 'scaled';
    }
    if (!was || needsFullRedraw(was, scene)) return this.redrawAll(scene);
    const changed = scene.index.changedSince(was.version);
    if (!changed) return this.redrawAll(scene);
    const { width, height } = scene.viewport;
    const pr = scene.pixelRatio;
    // Whole device pixels, so the shifted outlines stay crisp; the bitmap's camera keeps the rest of the pan.
    const dxp = Math.round((scene.camera.x - was.camera.x) * pr);
    const dyp = Math.round((scene.camera.y - was.camera.y) * pr);
    if (Math.abs(dxp) >= width * pr || Math.abs(dyp) >= height * pr) return this.redrawAll(scene);
    const camera = { x: was.camera.x + dxp / pr, y: was.camera.y + dyp / pr, zoom: was.camera.zoom };
    const dirty: Box[] = [];
    const W = this.image!.width;
    const H = this.image!.height;
    if (dxp !== 0 || dyp !== 0) {
      shiftPixels(this.pixels, W, H, dxp, dyp);
      if (dxp > 0) dirty.push({ x: 0, y: 0, w: dxp, h: H });
      if (dxp < 0) dirty.push({ x: W + dxp, y: 0, w: -dxp, h: H });
      if (dyp > 0) dirty.push({ x: 0, y: 0, w: W, h: dyp });
      if (dyp < 0) dirty.push({ x: 0, y: H + dyp, w: W, h: -dyp });
    }
    const inDevicePx = (b: Box) => scaled(boxToScreen(b, camera), pr);
    for (const box of changed) dirty.push(inDevicePx(box));
    for (const id of symmetricDifference(was.hidden, scene.hidden)) {
      const s = scene.index.get(id);
      if (s) dirty.push(inDevicePx(s.box));
    }
    const area = dirty.reduce((a, b) => a + (b.w + 4) * (b.h + 4), 0);
    if (area > MAX_PARTIAL_SHARE * W * H) return this.redrawAll(scene);
    this.drawn = { ...scene, camera, style: was.style, boxes: was.boxes };
    if (dirty.length === 0) return 'none';
    for (const d of dirty) this.redrawArea(d, camera, scene, was.style);
    if (dxp !== 0 || dyp !== 0) this.ctx.putImageData(this.image!, 0, 0);
    else for (const d of dirty) this.ctx.putImageData(this.image!, 0, 0, d.x - 2, d.y - 2, d.w + 5, d.h + 5);
    return 'partial';
  }

  /**
   * Draws the bitmap into a layer context in CSS pixels: as is, or through
   * the zoom in progress (a screen point p of the bitmap's camera is at
   * (p − t₀)·s + t for s = zoom / zoom₀).
   */
  drawTo(ctx: CanvasRenderingContext2D, viewport: Viewport): void {
    const to = this.scaledTo;
    const from = this.drawn?.camera;
    if (!to || !from) {
      ctx.drawImage(this.canvas, 0, 0, viewport.width, viewport.height);
      return;
    }
    const s = to.zoom / from.zoom;
    ctx.drawImage(this.canvas, to.x - from.x * s, to.y - from.y * s, viewport.width * s, viewport.height * s);
  }

  private redrawAll(scene: RasterScene): 'full' {
    const pr = scene.pixelRatio;
    const W = Math.max(1, Math.round(scene.viewport.width * pr));
    const H = Math.max(1, Math.round(scene.viewport.height * pr));
    if (!this.image || this.image.width !== W || this.image.height !== H) {
      this.canvas.width = W;
      this.canvas.height = H;
      this.image = new ImageData(W, H);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else this.pixels.fill(0);
    // A pixel of slack: a box just outside the view may round onto its edge pixels, as in a partial redraw.
    const view = visibleImageRect(scene.camera, scene.viewport);
    const slack = 2 / scene.camera.zoom;
    const visible = shown(scene.index.query({ x: view.x - slack, y: view.y - slack, w: view.w + 2 * slack, h: view.h + 2 * slack }), scene.hidden);
    const style = styleOfView(visible, scene.camera, scene.textOf);
    strokeBoxPixels({ pixels: this.pixels, width: W, height: H, clip: { x0: 0, y0: 0, x1: W, y1: H } }, visible, scene.camera, pr, scene.colorOf, style);
    this.ctx.putImageData(this.image, 0, 0);
    this.drawn = { ...scene, style, boxes: visible.length };
    return 'full';
  }

  /** Clears an area (device px, a box outline's width around it too) and draws every shape meeting it, cut to it. */
  private redrawArea(area: Box, camera: Camera, scene: RasterScene, style: BoxStyle): void {
    const W = this.image!.width;
    const H = this.image!.height;
    const x0 = Math.max(0, Math.floor(area.x) - 2);
    const y0 = Math.max(0, Math.floor(area.y) - 2);
    const x1 = Math.min(W, Math.ceil(area.x + area.w) + 3);
    const y1 = Math.min(H, Math.ceil(area.y + area.h) + 3);
    if (x1 <= x0 || y1 <= y0) return;
    for (let y = y0; y < y1; y++) this.pixels.fill(0, y * W + x0, y * W + x1);
    const pr = scene.pixelRatio;
    // A pixel of slack: a box just outside the area may round onto its edge pixels.
    const rect = { x: ((x0 - 1) / pr - camera.x) / camera.zoom, y: ((y0 - 1) / pr - camera.y) / camera.zoom, w: (x1 - x0 + 2) / pr / camera.zoom, h: (y1 - y0 + 2) / pr / camera.zoom };
    // In index order, as the full redraw: only a pixel where two outlines cross may take the other colour.
    const shapes = shown(scene.index.query(rect), scene.hidden);
    strokeBoxPixels({ pixels: this.pixels, width: W, height: H, clip: { x0, y0, x1, y1 } }, shapes, camera, pr, scene.colorOf, style);
  }
}

function scaled(b: Box, pr: number): Box {
  return { x: b.x * pr, y: b.y * pr, w: b.w * pr, h: b.h * pr };
}

function needsFullRedraw(was: RasterScene, scene: RasterScene): boolean {
  return (
    was.index !== scene.index ||
    was.camera.zoom !== scene.camera.zoom ||
    was.viewport.width !== scene.viewport.width ||
    was.viewport.height !== scene.viewport.height ||
    was.pixelRatio !== scene.pixelRatio ||
    was.colorOf !== scene.colorOf ||
    was.textOf !== scene.textOf
  );
}

/** A zoom in progress over a crowded view, with nothing else changed: the bitmap can stand in for a frame. */
function showsScaled(was: Drawn, scene: RasterScene): boolean {
  if (was.boxes < SCALED_ZOOM_MIN_BOXES || was.camera.zoom === scene.camera.zoom) return false;
  if (was.index !== scene.index || was.viewport.width !== scene.viewport.width || was.viewport.height !== scene.viewport.height) return false;
  if (was.pixelRatio !== scene.pixelRatio || was.colorOf !== scene.colorOf || was.textOf !== scene.textOf) return false;
  if (symmetricDifference(was.hidden, scene.hidden).length > 0) return false;
  // An edit since the bitmap was drawn must show at once.
  const changed = scene.index.changedSince(was.version);
  return changed !== null && changed.length === 0;
}

function shown(shapes: Shape[], hidden: ReadonlySet<string>): Shape[] {
  return hidden.size === 0 ? shapes : shapes.filter((s) => !hidden.has(s.id));
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  if (a === b) return [];
  return [...[...a].filter((id) => !b.has(id)), ...[...b].filter((id) => !a.has(id))];
}
