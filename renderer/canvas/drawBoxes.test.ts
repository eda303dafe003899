import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { DOUBLE_LINE_MAX_BOXES, drawBoxes, MAX_TEXT_LABELS, MIN_TEXT_BOX_HEIGHT } from './drawBoxes';
import { shapeTextLookup } from './shapeText';

/** Records the calls drawBoxes makes; enough of CanvasRenderingContext2D for it. */
function recordingContext() {
  const calls: string[] = [];
  const rects: number[][] = [];
  const texts: { t: string; x: number; y: number }[] = [];
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
    fillText: (t: string, x: number, y: number) => calls.push(`text ${t}`) && texts.push({ t, x, y }),
    fill: () => calls.push('fill'),
    measureText: (t: string) => ({ width: t.length * 6 }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, rects, texts };
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

  describe('box text (OCR)', () => {
    const schema = {
      classes: [
        { id: 'a', name: 'text', color: '#ff0000', attributes: [{ id: 'att_q', name: 'quad', type: 'text' as const, default: '' }, { id: 'att_t', name: 'Text', type: 'text' as const, default: '' }] },
        { id: 'b', name: 'car', color: '#00ff00', attributes: [{ id: 'att_n', name: 'plate', type: 'text' as const, default: '' }] },
      ],
    };
    const textOf = shapeTextLookup(schema)!;
    const withText = (i: number, classId: string, attributes: Shape['attributes']): Shape => ({ ...shape(i, classId), attributes });

    it('writes the value of the class’s `text` attribute under the box, and nothing else', () => {
      const { ctx, texts } = recordingContext();
      const shapes = [withText(1, 'a', { att_t: '  EXIT ', att_q: '[[0,0]]' }), withText(2, 'a', { att_t: '   ' }), withText(3, 'b', { att_n: 'AB-123' }), { ...prelabeled(4, 'a', 0.5, 'pending'), attributes: { att_t: 'PUSH' } }];
      drawBoxes(ctx, shapes, { x: 100, y: 50, zoom: 2 }, colorOf, textOf);
      // box 1 (10,5,8,4) → screen left 120, bottom 68; the line starts 2 px below, padded 3/2 inside its band.
      expect(texts).toContainEqual({ t: 'EXIT', x: 123, y: 72 });
      expect(texts.map((t) => t.t).sort()).toEqual(['0.50', 'EXIT', 'PUSH']);
    });

    it('only once the zoom makes the box readable, and not when too many would be', () => {
      const one = [withText(1, 'a', { att_t: 'EXIT' })];
      const small = recordingContext();
      drawBoxes(small.ctx, one, { x: 0, y: 0, zoom: (MIN_TEXT_BOX_HEIGHT - 1) / 4 }, colorOf, textOf);
      expect(small.texts).toEqual([]);
      const crowd = recordingContext();
      const many = Array.from({ length: MAX_TEXT_LABELS + 1 }, (_, i) => withText(i, 'a', { att_t: `w${i}` }));
      drawBoxes(crowd.ctx, many, { x: 0, y: 0, zoom: 4 }, colorOf, textOf);
      expect(crowd.texts).toEqual([]);
      expect(crowd.calls.filter((c) => c.startsWith('stroke'))).toHaveLength(1);
    });

    it('cuts long text to the box width (at least ~96 px) with an ellipsis, on one line', () => {
      const { ctx, texts } = recordingContext();
      drawBoxes(ctx, [withText(1, 'a', { att_t: `first line\n${'x'.repeat(100)}` })], { x: 0, y: 0, zoom: 4 }, colorOf, textOf);
      expect(texts[0]!.t).toMatch(/^first line x+…$/);
      expect(texts[0]!.t.length).toBe(Math.floor(96 / 6.5));
    });

    it('costs nothing per box when no class has a text attribute', () => {
      expect(shapeTextLookup({ classes: [{ id: 'b', name: 'car', color: '#00ff00', attributes: [] }] })).toBeNull();
    });
  });
});
