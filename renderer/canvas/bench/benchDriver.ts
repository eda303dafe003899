import { flushSync } from 'react-dom';
import type { Editor } from '../../editor/editor';
import type { Camera, Modifiers } from '../../editor/types';
import { fitCamera } from '../../editor/camera';
import { SpatialGrid } from '../../../core/geometry/spatialGrid';
import type { Shape } from '../../../core/model/shape';
import { BENCH_IMAGE, TARGET_BOX, TARGET_ID } from './syntheticScene';
import type { Scenario, ScenarioResult } from './benchResult';
import type { RasterDraw } from '../shapeRaster';
import { ZOOM_REST_MS } from '../zoomRest';

const NO_MODS: Modifiers = { shift: false, ctrl: false, alt: false, meta: false };
const DRAG_STEPS = 60;
const DRAGS = 3;

export const drawStats = { full: 0, partial: 0, none: 0, scaled: 0, boxes: 0, fullMs: [] as number[] };
export function countDraw(boxes: number, drawn: RasterDraw, updateMs: number): void {
  drawStats[drawn]++;
  drawStats.boxes = boxes;
  if (drawn === 'full') drawStats.fullMs.push(updateMs);
}

function resetDrawStats(): void {
  Object.assign(drawStats, { full: 0, partial: 0, none: 0, scaled: 0, fullMs: [] });
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/**
 * One measured frame: `action` runs in a frame (React renders synchronously
 * through flushSync), Konva draws the layers it invalidated at the start of
 * the next frame; the work is both parts, idle time between them excluded.
 * The marker callback is queued before the action so it runs right before
 * Konva's draw, the end callback right after it.
 */
function measuredFrame(action: () => void): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      let drawStart = 0;
      requestAnimationFrame(() => (drawStart = performance.now()));
      flushSync(action);
      const t1 = performance.now();
      requestAnimationFrame(() => resolve(t1 - t0 + (performance.now() - drawStart)));
    }),
  );
}

function fitOf(editor: Editor): Camera {
  return fitCamera(editor.getSnapshot().viewport, BENCH_IMAGE.width, BENCH_IMAGE.height);
}

/** Camera of frame t (ms) for the pan and zoom runs: around the image centre, everything visible when zoomed out. */
function cameraAt(scenario: 'panOut' | 'panIn' | 'zoom', t: number, fit: Camera, width: number, height: number): Camera {
  const phase = (t / 3000) * Math.PI * 2;
  const zoom = scenario === 'zoom' ? fit.zoom * (2 - Math.cos(phase)) : scenario === 'panIn' ? fit.zoom * 3 : fit.zoom;
  const r = scenario === 'zoom' ? 0 : 0.15;
  const cx = BENCH_IMAGE.width / 2 + Math.cos(phase) * BENCH_IMAGE.width * r;
  const cy = BENCH_IMAGE.height / 2 + Math.sin(phase) * BENCH_IMAGE.height * r;
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}

async function animateCamera(editor: Editor, scenario: 'panOut' | 'panIn' | 'zoom', durationMs: number): Promise<ScenarioResult> {
  const fit = fitOf(editor);
  const { width, height } = editor.getSnapshot().viewport;
  resetDrawStats();
  // Free-running: one camera change per frame, as a wheel or a drag gives; frames/s is what the user sees.
  let frames = 0;
  const t0 = await nextFrame();
  for (let now = t0; now - t0 < durationMs; now = await nextFrame()) {
    flushSync(() => editor.setCamera(cameraAt(scenario, now - t0, fit, width, height)));
    frames++;
  }
  const elapsed = performance.now() - t0;
  const draws = { ...drawStats };
  // Then each frame's work alone, over the same path.
  const frameMs: number[] = [];
  for (let i = 0; i < 60; i++) frameMs.push(await measuredFrame(() => editor.setCamera(cameraAt(scenario, i * 50, fit, width, height))));
  // The exact redraw a zoom ends with, once it rests (a crowded view is scaled while zooming): one per gesture, timed by the layer.
  const settleMs: number[] = [];
  if (scenario === 'zoom') {
    for (let i = 0; i < 5; i++) {
      resetDrawStats();
      flushSync(() => editor.setCamera(cameraAt(scenario, 400 + i * 500, fit, width, height)));
      await new Promise((r) => setTimeout(r, ZOOM_REST_MS * 2));
      await nextFrame();
      await nextFrame();
      settleMs.push(...drawStats.fullMs);
    }
  }
  return {
    fps: (frames * 1000) / elapsed,
    drawsPerSecond: ((draws.full + draws.partial + draws.none + draws.scaled) * 1000) / elapsed,
    frameMs,
    commitMs: [],
    settleMs,
    boxesInView: draws.boxes,
    draws: { full: draws.full, partial: draws.partial, none: draws.none, scaled: draws.scaled },
  };
}

/** Drags the target box (move) or its bottom-right handle (resize) through DRAG_STEPS pointer moves, DRAGS times, zoomed out to fit. */
async function drag(editor: Editor, kind: 'move' | 'resize'): Promise<ScenarioResult> {
  flushSync(() => editor.setCamera(fitOf(editor)));
  await nextFrame();
  resetDrawStats();
  const frameMs: number[] = [];
  const commitMs: number[] = [];
  const t0 = performance.now();
  let frames = 0;
  for (let d = 0; d < DRAGS; d++) {
    flushSync(() => editor.select([TARGET_ID]));
    const shape = editor.getSnapshot().shapeIndex.get(TARGET_ID)!;
    const cam = editor.getSnapshot().camera;
    const grab = kind === 'move' ? { x: shape.box.x + shape.box.w / 2, y: shape.box.y + shape.box.h / 2 } : { x: shape.box.x + shape.box.w, y: shape.box.y + shape.box.h };
    const start = { x: grab.x * cam.zoom + cam.x, y: grab.y * cam.zoom + cam.y };
    const at = (i: number) => {
      const a = (i / DRAG_STEPS) * Math.PI * 2;
      const r = 6 + 30 * Math.sin((i / DRAG_STEPS) * Math.PI);
      // A loop that ends 12 px right of where it began, so every drag commits a change.
      const drift = (i / DRAG_STEPS) * 12 + (kind === 'resize' ? 10 : 0);
      return { x: start.x + r * Math.cos(a) - 6 + drift, y: start.y + r * Math.sin(a) + (kind === 'resize' ? 10 : 0) };
    };
    frameMs.push(await measuredFrame(() => editor.pointerDown({ ...start, button: 0, modifiers: NO_MODS })));
    for (let i = 1; i <= DRAG_STEPS; i++) frameMs.push(await measuredFrame(() => editor.pointerMove({ ...at(i), button: 0, modifiers: NO_MODS })));
    const state = editor.getSnapshot().toolState;
    if (state !== (kind === 'move' ? 'select.translating' : 'select.resizing')) throw new Error(`bench ${kind}: the drag is in ${state}`);
    commitMs.push(await measuredFrame(() => editor.pointerUp({ ...at(DRAG_STEPS), button: 0, modifiers: NO_MODS })));
    frames += DRAG_STEPS + 2;
  }
  if (editor.getSnapshot().shapeIndex.get(TARGET_ID)!.box === TARGET_BOX) throw new Error(`bench ${kind}: the target box never changed`);
  const elapsed = performance.now() - t0;
  return {
    fps: (frames * 1000) / elapsed,
    drawsPerSecond: ((drawStats.full + drawStats.partial + drawStats.none + drawStats.scaled) * 1000) / elapsed,
    frameMs,
    commitMs,
    settleMs: [],
    boxesInView: drawStats.boxes,
    draws: { full: drawStats.full, partial: drawStats.partial, none: drawStats.none, scaled: drawStats.scaled },
  };
}

export function runScenario(editor: Editor, scenario: Scenario, durationMs: number): Promise<ScenarioResult> {
  return scenario === 'move' || scenario === 'resize' ? drag(editor, scenario) : animateCamera(editor, scenario, durationMs);
}

/**
 * What the replaced code did on every edit besides drawing, with the same
 * core parts, timed on this scene: the canvas rebuilt a SpatialGrid and an
 * id map of every shape, the editor re-mapped every shape to find the
 * changed ones, the interactive layer mapped every shape, and the history
 * copied the shape array and mapped every shape to invert the step. Median
 * ms of `repeats` runs.
 */
export function replacedRebuildMs(shapes: readonly Shape[], repeats = 5): number {
  const times: number[] = [];
  const moved = { ...shapes[shapes.length - 1]!, box: { ...TARGET_BOX, x: TARGET_BOX.x + 1 } };
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    // History: invert (map of every shape), apply (copy of every shape, put by id).
    const before = new Map(shapes.map((s) => [s.id, s]));
    const puts = new Map([[moved.id, moved]]);
    const after = shapes.map((s) => puts.get(s.id) ?? s);
    if (!before.get(moved.id)) throw new Error('replacedRebuildMs: no target');
    // Editor: a map of every shape, compared by identity.
    const next = new Map<string, Shape>();
    let changed = 0;
    for (const s of after) {
      next.set(s.id, s);
      if (before.get(s.id) !== s) changed++;
    }
    // Canvas: a new grid and id map of every shape; the interactive layer's id map.
    const grid = new SpatialGrid();
    const byId = new Map<string, Shape>();
    for (const s of after) {
      grid.insert(s.id, s.box);
      byId.set(s.id, s);
    }
    const interactive = new Map(after.map((s) => [s.id, s] as const));
    times.push(performance.now() - t0);
    if (changed !== 1 || interactive.size !== byId.size || grid.size !== after.length) throw new Error('replacedRebuildMs: inconsistent');
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}
