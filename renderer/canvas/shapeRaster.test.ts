import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { ShapeIndex } from '../editor/shapeIndex';
import { rng } from '../../core/consensus/video/testKit';
import { SCALED_ZOOM_MIN_BOXES, ShapeRaster, type RasterScene } from './shapeRaster';

// The raster needs only a canvas to put its pixels on; a stand-in keeps this test in Node.
const globals = globalThis as unknown as { document?: unknown; ImageData?: unknown };
const saved = { document: globals.document, ImageData: globals.ImageData };
beforeAll(() => {
  globals.ImageData = class {
    readonly data: Uint8ClampedArray;
    constructor(readonly width: number, readonly height: number) {
      this.data = new Uint8ClampedArray(width * height * 4);
    }
  };
  globals.document = { createElement: () => ({ width: 0, height: 0, getContext: () => ({ putImageData: () => undefined }) }) };
});
afterAll(() => Object.assign(globals, saved));

const pixelsOf = (r: ShapeRaster) => (r as unknown as { pixels: Uint32Array }).pixels;
const cameraOf = (r: ShapeRaster) => (r as unknown as { drawn: RasterScene }).drawn.camera;

function shape(id: string, x: number, y: number, w: number, h: number, pending = false): Shape {
  const s: Shape = { id, projectId: 'p', itemId: 'i', kind: 'box', classId: 'c', box: { x, y, w, h }, attributes: {}, source: { kind: 'human' }, author: 'a', createdAt: 0, updatedAt: 0, version: 1 };
  return pending ? { ...s, prelabel: { runId: 'r', predictionId: id, modelId: 'm', score: 0.5, predictedBox: s.box, predictedClassId: 'c', review: 'pending' } } : s;
}

describe('ShapeRaster: partial redraws give the pixels of a full redraw', () => {
  it('after random edits, gesture starts and ends, and pans', () => {
    const rand = rng(7);
    const index = new ShapeIndex();
    index.apply({ put: Array.from({ length: 300 }, (_, i) => shape(`s${i}`, rand() * 900, rand() * 700, 4 + rand() * 60, 4 + rand() * 60, i % 10 === 0)), remove: [] });
    const colorOf = () => '#ff0000';
    const scene = (camera: RasterScene['camera'], hidden: ReadonlySet<string>): RasterScene => ({
      index, version: index.version, camera, viewport: { width: 240, height: 180 }, pixelRatio: 1, colorOf, textOf: null, hidden,
    });
    const raster = new ShapeRaster();
    let camera = { x: -100, y: -80, zoom: 0.5 };
    expect(raster.update(scene(camera, new Set()))).toBe('full');
    let partials = 0;
    for (let step = 0; step < 60; step++) {
      const r = rand();
      const id = `s${Math.floor(rand() * 300)}`;
      let hidden: ReadonlySet<string> = new Set();
      if (r < 0.3) index.apply({ put: [{ ...index.get(id) ?? shape(id, 0, 0, 10, 10), box: { x: rand() * 900, y: rand() * 700, w: 5 + rand() * 50, h: 5 + rand() * 50 } }], remove: [] });
      else if (r < 0.4) index.apply({ put: [], remove: [id] });
      else if (r < 0.55) hidden = new Set([id]);
      else camera = { ...camera, x: camera.x + Math.round(rand() * 40 - 20), y: camera.y + Math.round(rand() * 30 - 15) };
      if (raster.update(scene(camera, hidden)) === 'partial') partials++;
      const fresh = new ShapeRaster();
      fresh.update(scene(cameraOf(raster), hidden));
      const [got, want] = [pixelsOf(raster), pixelsOf(fresh)];
      let differing = 0;
      for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) differing++;
      expect({ step, differing }).toEqual({ step, differing: 0 });
    }
    expect(partials).toBeGreaterThan(30);
  });
});

describe('ShapeRaster: a zoom in progress over a crowded view', () => {
  const crowded = () => {
    const index = new ShapeIndex();
    index.apply({ put: Array.from({ length: SCALED_ZOOM_MIN_BOXES }, (_, i) => shape(`s${i}`, (i % 200) * 5, Math.floor(i / 200) * 5, 3, 3)), remove: [] });
    return index;
  };
  const colorOf = () => '#00ff00';
  const sceneOf = (index: ShapeIndex, zoom: number, zoomResting: boolean): RasterScene => ({
    index, version: index.version, camera: { x: 10, y: 20, zoom }, viewport: { width: 200, height: 150 }, pixelRatio: 1, colorOf, textOf: null, hidden: new Set(), zoomResting,
  });

  it('shows the kept bitmap scaled while the zoom changes, then redraws exactly once it rests', () => {
    const index = crowded();
    const raster = new ShapeRaster();
    expect(raster.update(sceneOf(index, 0.15, true))).toBe('full');
    const before = pixelsOf(raster).slice();
    expect(raster.update(sceneOf(index, 0.2, false))).toBe('scaled');
    expect(raster.update(sceneOf(index, 0.3, false))).toBe('scaled');
    // The bitmap is untouched and still belongs to the camera it was drawn at.
    expect(pixelsOf(raster)).toEqual(before);
    expect(cameraOf(raster).zoom).toBe(0.15);
    // Drawn through the zoom: a point p of the bitmap lands at (p − t₀)·s + t.
    const calls: number[][] = [];
    raster.drawTo({ drawImage: (_c: unknown, ...args: number[]) => calls.push(args) } as unknown as CanvasRenderingContext2D, { width: 200, height: 150 });
    expect(calls[0]).toEqual([10 - 10 * 2, 20 - 20 * 2, 400, 300]);
    expect(raster.update(sceneOf(index, 0.3, true))).toBe('full');
    expect(cameraOf(raster).zoom).toBe(0.3);
  });

  it('redraws at once when the view is not crowded, or when the shapes changed', () => {
    const sparse = new ShapeIndex();
    sparse.apply({ put: [shape('a', 10, 10, 20, 20)], remove: [] });
    const small = new ShapeRaster();
    small.update(sceneOf(sparse, 0.2, true));
    expect(small.update(sceneOf(sparse, 0.25, false))).toBe('full');

    const index = crowded();
    const raster = new ShapeRaster();
    expect(raster.update(sceneOf(index, 0.15, true))).toBe('full');
    index.apply({ put: [shape('s0', 500, 500, 40, 40)], remove: [] });
    expect(raster.update(sceneOf(index, 0.25, false))).toBe('full');
  });
});
