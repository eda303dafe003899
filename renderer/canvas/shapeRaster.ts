import type { Box, Shape } from '../../core/model/shape';
import type { Camera, Viewport } from '../editor/types';
import type { ShapeIndexView } from '../editor/shapeIndex';
import { boxToScreen, visibleImageRect } from './cameraMath';
import { drawBoxes, styleOfView, type BoxStyle } from './drawBoxes';
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
}

/** Screen px around a changed box that its outline, score (above) and text (below, to the right) may reach. */
const REACH = { left: 4, right: 120, up: 18, down: 22 };
/** Past this share of the viewport, a partial redraw costs about as much as a full one. */
const MAX_PARTIAL_SHARE = 0.4;

/**
 * The static shapes as a bitmap kept between frames, brought up to date with
 * the least drawing: an edit or a gesture start/end redraws only the areas
 * of the boxes that changed (found through the shared shape index), a pan
 * at the same zoom shifts the bitmap and draws only the uncovered strips;
 * a zoom, a resize or new colours redraw the view. The result is what a
 * full redraw would show, up to half a pixel of pan rounding.
 */
export class ShapeRaster {
  /** Two bitmaps: a pan draws the shown one shifted into the other (drawing a canvas onto itself is slow in Chromium). */
  private front = bitmap();
  private back = bitmap();
  private drawn: (RasterScene & { style: BoxStyle; boxes: number }) | null = null;

  /** The bitmap to show. */
  get canvas(): HTMLCanvasElement {
    return this.front.canvas;
  }

  private get ctx(): CanvasRenderingContext2D {
    return this.front.ctx;
  }

  /** Boxes in view at the last full redraw. */
  get boxCount(): number {
    return this.drawn?.boxes ?? 0;
  }

  /** Brings the bitmap to `scene`; returns 'full', 'partial' or 'none' (what it had to draw). */
  update(scene: RasterScene): 'full' | 'partial' | 'none' {
    const was = this.drawn;
    if (!was || needsFullRedraw(was, scene)) return this.redrawAll(scene), 'full';
    const changed = scene.index.changedSince(was.version);
    if (!changed) return this.redrawAll(scene), 'full';
    const { width, height } = scene.viewport;
    const dx = Math.round(scene.camera.x - was.camera.x);
    const dy = Math.round(scene.camera.y - was.camera.y);
    if (Math.abs(dx) >= width || Math.abs(dy) >= height) return this.redrawAll(scene), 'full';
    // The bitmap's camera: the scene's, minus the sub-pixel part of the pan it did not shift by.
    const camera = { x: was.camera.x + dx, y: was.camera.y + dy, zoom: was.camera.zoom };
    const dirty: Box[] = [];
    if (dx !== 0 || dy !== 0) {
      this.shift(dx, dy, scene.pixelRatio);
      if (dx > 0) dirty.push({ x: 0, y: 0, w: dx, h: height });
      if (dx < 0) dirty.push({ x: width + dx, y: 0, w: -dx, h: height });
      if (dy > 0) dirty.push({ x: 0, y: 0, w: width, h: dy });
      if (dy < 0) dirty.push({ x: 0, y: height + dy, w: width, h: -dy });
    }
    for (const box of changed) dirty.push(boxToScreen(box, camera));
    for (const id of symmetricDifference(was.hidden, scene.hidden)) {
      const s = scene.index.get(id);
      if (s) dirty.push(boxToScreen(s.box, camera));
    }
    this.drawn = { ...scene, camera, style: was.style, boxes: was.boxes };
    if (dirty.length === 0) return 'none';
    const area = dirty.reduce((a, b) => a + (b.w + REACH.left + REACH.right) * (b.h + REACH.up + REACH.down), 0);
    if (area > MAX_PARTIAL_SHARE * width * height) return this.redrawAll(scene), 'full';
    this.redrawAreas(dirty, camera, scene, was.style);
    return 'partial';
  }

  private redrawAll(scene: RasterScene): void {
    const { width, height } = scene.viewport;
    const pr = scene.pixelRatio;
    for (const b of [this.front, this.back]) {
      if (b.canvas.width !== Math.round(width * pr) || b.canvas.height !== Math.round(height * pr)) {
        b.canvas.width = Math.round(width * pr);
        b.canvas.height = Math.round(height * pr);
      }
    }
    const ctx = this.ctx;
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const visible = shown(scene.index.query(visibleImageRect(scene.camera, scene.viewport)), scene.hidden);
    const style = styleOfView(visible, scene.camera, scene.textOf);
    drawBoxes(ctx, visible, scene.camera, scene.colorOf, scene.textOf, style);
    this.drawn = { ...scene, style, boxes: visible.length };
  }

  /** Clears the areas (screen px) and draws every shape that may reach into them, clipped to them. */
  private redrawAreas(areas: readonly Box[], camera: Camera, scene: RasterScene, style: BoxStyle): void {
    const ctx = this.ctx;
    ctx.save();
    ctx.setTransform(scene.pixelRatio, 0, 0, scene.pixelRatio, 0, 0);
    ctx.beginPath();
    const found = new Map<string, Shape>();
    for (const a of areas) {
      const clip = { x: Math.floor(a.x) - 2, y: Math.floor(a.y) - 2, w: Math.ceil(a.w) + 5, h: Math.ceil(a.h) + 5 };
      ctx.rect(clip.x, clip.y, clip.w, clip.h);
      ctx.clearRect(clip.x, clip.y, clip.w, clip.h);
      const reach = { x: clip.x - REACH.right, y: clip.y - REACH.down, w: clip.w + REACH.left + REACH.right, h: clip.h + REACH.up + REACH.down };
      for (const s of scene.index.query(imageRectOf(reach, camera))) found.set(s.id, s);
    }
    ctx.clip();
    drawBoxes(ctx, shown([...found.values()], scene.hidden), camera, scene.colorOf, scene.textOf, style);
    ctx.restore();
  }

  private shift(dx: number, dy: number, pr: number): void {
    const { front, back } = this;
    back.ctx.setTransform(1, 0, 0, 1, 0, 0);
    back.ctx.clearRect(0, 0, back.canvas.width, back.canvas.height);
    back.ctx.drawImage(front.canvas, Math.round(dx * pr), Math.round(dy * pr));
    this.front = back;
    this.back = front;
  }
}

function bitmap(): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('ShapeRaster: no 2D canvas context');
  return { canvas, ctx };
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

function shown(shapes: Shape[], hidden: ReadonlySet<string>): Shape[] {
  return hidden.size === 0 ? shapes : shapes.filter((s) => !hidden.has(s.id));
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  if (a === b) return [];
  return [...[...a].filter((id) => !b.has(id)), ...[...b].filter((id) => !a.has(id))];
}

/** A screen rect in image pixels under `camera`. */
function imageRectOf(r: Box, camera: Camera): Box {
  return { x: (r.x - camera.x) / camera.zoom, y: (r.y - camera.y) / camera.zoom, w: r.w / camera.zoom, h: r.h / camera.zoom };
}
