import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { DOUBLE_LINE_MAX_BOXES, drawBoxes } from './drawBoxes';

/** Records the calls drawBoxes makes; enough of CanvasRenderingContext2D for it. */
function recordingContext() {
  const calls: string[] = [];
  const rects: number[][] = [];
  const ctx = {
    lineWidth: 0,
    strokeStyle: '',
    fillStyle: '',
    font: '',
    textBaseline: '',
    save: () => calls.push('save'),
    restore: () => calls.push('restore'),
    beginPath: () => calls.push('beginPath'),
    rect: (...r: number[]) => rects.push(r),
    stroke() {
      calls.push(`stroke ${this.strokeStyle}`);
    },
    setLineDash: (d: number[]) => calls.push(`dash ${d.join(',')}`),
    fillText: (t: string) => calls.push(`text ${t}`),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, rects };
}

function shape(i: number, classId: string, source: Shape['source'] = { kind: 'human' }): Shape {
  return { id: `s${i}`, projectId: 'p', itemId: 'i', kind: 'box', classId, box: { x: i * 10, y: 5, w: 8, h: 4 }, attributes: {}, source, author: 'a', createdAt: 0, updatedAt: 0, version: 1 };
}

function prelabeled(i: number, classId: string, score: number, review: 'pending' | 'accepted' | 'corrected'): Shape {
  const base = shape(i, classId, { kind: 'model', modelId: 'm', score });
  return { ...base, prelabel: { runId: 'r', predictionId: `p${i}`, modelId: 'm', score, predictedBox: base.box, predictedClassId: classId, review } };
}

const colors: Record<string, string> = { a: '#ff0000', b: '#00ff00' };
const colorOf = (id: string) => colors[id] ?? '#999999';

describe('drawBoxes', () => {
  it('strokes once per colour, however many boxes', () => {
    const { ctx, calls } = recordingContext();
    const shapes = Array.from({ length: DOUBLE_LINE_MAX_BOXES + 500 }, (_, i) => shape(i, i % 2 ? 'a' : 'b'));
    const count = drawBoxes(ctx, shapes, { x: 0, y: 0, zoom: 1 }, colorOf);
    expect(count).toBe(shapes.length);
    expect(calls.filter((c) => c.startsWith('stroke')).sort()).toEqual(['stroke #00ff00', 'stroke #ff0000']);
  });

  it('maps boxes through the camera and snaps them to half pixels', () => {
    const { ctx, rects } = recordingContext();
    drawBoxes(ctx, [shape(1, 'a')], { x: 100, y: 50, zoom: 2 }, colorOf);
    // box (10,5,8,4) → screen (120,60)-(136,68), +0.5 for crisp 1-px lines; a second inset line makes it read as 2 px.
    expect(rects[0]).toEqual([120.5, 60.5, 16, 8]);
    expect(rects[1]).toEqual([121.5, 61.5, 14, 6]);
  });

  it('draws single lines when the scene is dense', () => {
    const { ctx, rects } = recordingContext();
    const shapes = Array.from({ length: DOUBLE_LINE_MAX_BOXES + 1 }, (_, i) => shape(i, 'a'));
    drawBoxes(ctx, shapes, { x: 0, y: 0, zoom: 1 }, colorOf);
    expect(rects).toHaveLength(shapes.length);
  });

  it('draws pending pre-labels dashed with their score', () => {
    const { ctx, calls } = recordingContext();
    drawBoxes(ctx, [shape(1, 'a'), prelabeled(2, 'a', 0.876, 'pending')], { x: 0, y: 0, zoom: 1 }, colorOf);
    const dash = calls.indexOf('dash 5,4');
    expect(dash).toBeGreaterThan(calls.indexOf('stroke #ff0000'));
    expect(calls.slice(dash)).toContain('stroke #ff0000');
    expect(calls).toContain('text 0.88');
  });

  it('draws reviewed pre-labels and imported model boxes like any label: solid, no score', () => {
    const { ctx, calls } = recordingContext();
    drawBoxes(ctx, [prelabeled(1, 'a', 0.9, 'accepted'), prelabeled(2, 'b', 0.8, 'corrected'), shape(3, 'a', { kind: 'model', modelId: 'm', score: 0.7 })], { x: 0, y: 0, zoom: 1 }, colorOf);
    expect(calls.some((c) => c.startsWith('dash'))).toBe(false);
    expect(calls.some((c) => c.startsWith('text'))).toBe(false);
  });
});
