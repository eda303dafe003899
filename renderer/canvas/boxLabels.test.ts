import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { DOUBLE_LINE_MAX_BOXES, drawBoxLabels, MAX_TEXT_LABELS, MIN_TEXT_BOX_HEIGHT, styleOfView } from './boxLabels';
import { pixelColor, shiftPixels, strokeBoxPixels } from './boxPixels';
import { shapeTextLookup } from './shapeText';

/** Records the calls drawBoxLabels makes; enough of CanvasRenderingContext2D for it. */
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

/** A 60x20 bitmap and its pixels as text rows: '.' empty, 'a'/'b' the class colours. */
function bitmap(width = 60, height = 20) {
  const pixels = new Uint32Array(width * height);
  const target = { pixels, width, height, clip: { x0: 0, y0: 0, x1: width, y1: height } };
  const legend = new Map([[pixelColor(colors.a!), 'a'], [pixelColor(colors.b!), 'b'], [0, '.']]);
  const rows = () => Array.from({ length: height }, (_, y) => Array.from(pixels.subarray(y * width, (y + 1) * width), (v) => legend.get(v) ?? '?').join(''));
  return { pixels, target, rows };
}

const single = { double: false, scores: false, texts: false };

describe('outlines as pixels (boxPixels)', () => {
  it('maps each box through the camera to a 1-pixel outline, later boxes over earlier ones', () => {
    const { target, rows } = bitmap(12, 8);
    const a = { ...shape(0, 'a'), box: { x: 1, y: 1, w: 3, h: 2 } };
    const b = { ...shape(1, 'b'), box: { x: 2, y: 1, w: 1, h: 1 } };
    strokeBoxPixels(target, [a, b], { x: 1, y: 0, zoom: 2 }, 1, colorOf, single);
    // a → screen (3,2)-(9,6); b → (5,2)-(7,4), drawn over a's top edge.
    expect(rows()).toEqual(['............', '............', '...aabbbaa..', '...a.b.b.a..', '...a.bbb.a..', '...a.....a..', '...aaaaaaa..', '............']);
  });

  it('adds an inset second line when few boxes are in view, and cuts outlines to the clip', () => {
    const { target, rows } = bitmap(8, 8);
    const a = { ...shape(0, 'a'), box: { x: 1, y: 1, w: 5, h: 5 } };
    strokeBoxPixels({ ...target, clip: { x0: 0, y0: 0, x1: 8, y1: 4 } }, [a], { x: 0, y: 0, zoom: 1 }, 1, colorOf, { ...single, double: true });
    expect(rows()).toEqual(['........', '.aaaaaa.', '.aaaaaa.', '.aa..aa.', '........', '........', '........', '........']);
    expect(styleOfView([a], { x: 0, y: 0, zoom: 1 }).double).toBe(true);
    expect(styleOfView(Array.from({ length: DOUBLE_LINE_MAX_BOXES + 1 }, (_, i) => shape(i, 'a')), { x: 0, y: 0, zoom: 1 }).double).toBe(false);
  });

  it('dashes pending pre-labels only (5 on, 4 off), whatever the review of other pre-labels or model boxes', () => {
    const { target, rows } = bitmap(24, 4);
    const pending = { ...prelabeled(0, 'a', 0.8, 'pending'), box: { x: 0, y: 0, w: 20, h: 3 } };
    strokeBoxPixels(target, [pending], { x: 0, y: 0, zoom: 1 }, 1, colorOf, single);
    expect(rows()[0]).toBe('aaaaa....aaaaa....aaa...');
    const solid = bitmap(24, 4);
    const reviewed = [prelabeled(0, 'a', 0.9, 'accepted'), prelabeled(1, 'a', 0.8, 'corrected'), shape(2, 'a', { kind: 'model', modelId: 'm', score: 0.7 })].map((s) => ({ ...s, box: { x: 0, y: 0, w: 20, h: 3 } }));
    strokeBoxPixels(solid.target, reviewed, { x: 0, y: 0, zoom: 1 }, 1, colorOf, single);
    expect(solid.rows()[0]).toBe('aaaaaaaaaaaaaaaaaaaaa...');
  });

  it('shifts the bitmap for a pan, leaving the uncovered strip for the caller to redraw', () => {
    const { pixels, target, rows } = bitmap(6, 4);
    strokeBoxPixels(target, [{ ...shape(0, 'a'), box: { x: 0, y: 0, w: 2, h: 1 } }], { x: 0, y: 0, zoom: 1 }, 1, colorOf, single);
    shiftPixels(pixels, 6, 4, 2, 1);
    expect(rows().slice(1).map((r) => r.slice(2))).toEqual(['aaa.', 'aaa.', '....']);
  });
});

describe('labels (boxLabels)', () => {
  it('writes the score of pending pre-labels only, while few are in view', () => {
    const { ctx, calls } = recordingContext();
    const shapes = [shape(1, 'a'), prelabeled(2, 'a', 0.876, 'pending'), prelabeled(3, 'a', 0.9, 'accepted')];
    drawBoxLabels(ctx, shapes, { x: 0, y: 0, zoom: 1 }, colorOf);
    expect(calls.filter((c) => c.startsWith('text'))).toEqual(['text 0.88']);
    const crowd = recordingContext();
    drawBoxLabels(crowd.ctx, Array.from({ length: 401 }, (_, i) => prelabeled(i, 'a', 0.5, 'pending')), { x: 0, y: 0, zoom: 1 }, colorOf);
    expect(crowd.calls.some((c) => c.startsWith('text'))).toBe(false);
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
      drawBoxLabels(ctx, shapes, { x: 100, y: 50, zoom: 2 }, colorOf, textOf);
      // box 1 (10,5,8,4) → screen left 120, bottom 68; the line starts 2 px below, padded 3/2 inside its band.
      expect(texts).toContainEqual({ t: 'EXIT', x: 123, y: 72 });
      expect(texts.map((t) => t.t).sort()).toEqual(['0.50', 'EXIT', 'PUSH']);
    });

    it('only once the zoom makes the box readable, and not when too many would be', () => {
      const one = [withText(1, 'a', { att_t: 'EXIT' })];
      const small = recordingContext();
      drawBoxLabels(small.ctx, one, { x: 0, y: 0, zoom: (MIN_TEXT_BOX_HEIGHT - 1) / 4 }, colorOf, textOf);
      expect(small.texts).toEqual([]);
      const crowd = recordingContext();
      const many = Array.from({ length: MAX_TEXT_LABELS + 1 }, (_, i) => withText(i, 'a', { att_t: `w${i}` }));
      drawBoxLabels(crowd.ctx, many, { x: 0, y: 0, zoom: 4 }, colorOf, textOf);
      expect(crowd.texts).toEqual([]);
    });

    it('cuts long text to the box width (at least ~96 px) with an ellipsis, on one line', () => {
      const { ctx, texts } = recordingContext();
      drawBoxLabels(ctx, [withText(1, 'a', { att_t: `first line\n${'x'.repeat(100)}` })], { x: 0, y: 0, zoom: 4 }, colorOf, textOf);
      expect(texts[0]!.t).toMatch(/^first line x+…$/);
      expect(texts[0]!.t.length).toBe(Math.floor(96 / 6.5));
    });

    it('costs nothing per box when no class has a text attribute', () => {
      expect(shapeTextLookup({ classes: [{ id: 'b', name: 'car', color: '#00ff00', attributes: [] }] })).toBeNull();
    });
  });
});
