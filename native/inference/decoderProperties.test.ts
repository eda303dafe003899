import { describe, expect, it } from 'vitest';
import type { Box } from '../../core/model/shape';
import { decodeYolo, yoloLayouts, type YoloLayout } from './decode/yolo';
import { containTransform } from './preprocess/letterbox';
import { ctcGreedyDecode } from './ppocr/ctcDecode';
import { dbDefaults, dbPostprocess, type DbParams } from './ppocr/dbPostprocess';
import { adversarialValues, seededRandom, valueFrom, type Random } from './testSupport/seededRandom';

/**
 * Property tests for every decoder: on any well-shaped tensor, random or
 * adversarial (NaN, ±Infinity, all zeros, all ones, single pixels, absurd
 * boxes), they return and never throw, and whatever they return is usable.
 * Each case's seed is in its assertion message, so a failure reproduces.
 */

const CASES = 400;
// Boxes are compared to the image border exactly; this slack only absorbs
// the last bit of a float sum.
const EPS = 1e-9;

function expectUsableBox(box: Box, width: number, height: number, where: string) {
  for (const v of [box.x, box.y, box.w, box.h]) expect(Number.isFinite(v), `${where}: ${JSON.stringify(box)}`).toBe(true);
  expect(box.w, where).toBeGreaterThan(0);
  expect(box.h, where).toBeGreaterThan(0);
  expect(box.x, where).toBeGreaterThanOrEqual(0);
  expect(box.y, where).toBeGreaterThanOrEqual(0);
  expect(box.x + box.w, where).toBeLessThanOrEqual(width + EPS);
  expect(box.y + box.h, where).toBeLessThanOrEqual(height + EPS);
}

function expectUnitScore(score: number, where: string) {
  expect(Number.isFinite(score), `${where}: score ${score}`).toBe(true);
  expect(score, where).toBeGreaterThanOrEqual(0);
  expect(score, where).toBeLessThanOrEqual(1);
}

// ---------------------------------------------------------------- DB (ppocr-det)

type MapFill = 'zeros' | 'ones' | 'uniform' | 'single pixels' | 'blobs' | 'blobs with NaN' | 'adversarial';
const mapFills: MapFill[] = ['zeros', 'ones', 'uniform', 'single pixels', 'blobs', 'blobs with NaN', 'adversarial'];

function probabilityMap(random: Random, width: number, height: number, fill: MapFill): Float32Array {
  const map = new Float32Array(width * height);
  const set = (x: number, y: number, v: number) => (map[y * width + x] = v);
  switch (fill) {
    case 'zeros':
      break;
    case 'ones':
      map.fill(1);
      break;
    case 'uniform':
      for (let i = 0; i < map.length; i++) map[i] = random.next();
      break;
    case 'single pixels':
      for (let i = 0; i < map.length; i++) if (random.chance(0.05)) map[i] = 0.7 + 0.3 * random.next();
      break;
    case 'adversarial':
      for (let i = 0; i < map.length; i++) map[i] = random.pick(adversarialValues);
      break;
    case 'blobs':
    case 'blobs with NaN':
      for (let b = random.int(0, 6); b > 0 && width > 0 && height > 0; b--) {
        const x0 = random.int(0, width - 1);
        const y0 = random.int(0, height - 1);
        const x1 = Math.min(width - 1, x0 + random.int(0, 20));
        const y1 = Math.min(height - 1, y0 + random.int(0, 8));
        for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) set(x, y, 0.5 + 0.5 * random.next());
      }
      if (fill === 'blobs with NaN') for (let i = 0; i < map.length; i++) if (random.chance(0.1)) map[i] = random.pick([Number.NaN, Infinity, -Infinity]);
      break;
  }
  return map;
}

function randomDbParams(random: Random): DbParams {
  return {
    binThreshold: random.pick([dbDefaults.binThreshold, random.next(), 0, 1]),
    boxThreshold: random.pick([dbDefaults.boxThreshold, random.next(), 0]),
    unclipRatio: random.pick([dbDefaults.unclipRatio, 3 * random.next(), 0]),
    maxCandidates: random.pick([dbDefaults.maxCandidates, random.int(0, 20)]),
  };
}

describe('DB post-processing (ppocr-det) on random and adversarial maps', () => {
  it(`never throws, and every detection is a finite box inside the image with a score in [0, 1] (${CASES} seeded cases)`, () => {
    let detections = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const random = seededRandom(seed);
      const width = random.int(0, 48);
      const height = random.int(0, 48);
      const fill = random.pick(mapFills);
      const original = { width: random.int(1, 3000), height: random.int(1, 3000) };
      const where = `seed ${seed} (${fill}, ${width}×${height} → ${original.width}×${original.height})`;
      const found = dbPostprocess(probabilityMap(random, width, height, fill), { width, height }, original, randomDbParams(random));
      detections += found.length;
      for (const d of found) {
        expectUsableBox(d.box, original.width, original.height, where);
        expectUnitScore(d.score, where);
        for (const [x, y] of d.quad) {
          expect(x >= 0 && x <= original.width && y >= 0 && y <= original.height, `${where}: quad ${JSON.stringify(d.quad)}`).toBe(true);
        }
      }
    }
    // The generator must reach the interesting path, not only empty results.
    expect(detections).toBeGreaterThan(50);
  });

  const params = dbDefaults;
  const size = { width: 32, height: 32 };

  it('a single-pixel region is skipped, not thrown (the reported crash), and the real text beside it is kept', () => {
    const map = new Float32Array(32 * 32);
    map[5 * 32 + 5] = 0.9;
    expect(dbPostprocess(map, size, size, params)).toEqual([]);
    for (let y = 15; y < 25; y++) for (let x = 4; x < 28; x++) map[y * 32 + x] = 0.9;
    const found = dbPostprocess(map, size, size, params);
    expect(found).toHaveLength(1);
    expect(found[0]!.box.y).toBeGreaterThan(10);
  });

  it('empty, all-zero and all-NaN maps find nothing; all-ones and all-+Infinity maps find the whole image with score 1', () => {
    expect(dbPostprocess(new Float32Array(0), { width: 0, height: 0 }, { width: 10, height: 10 }, params)).toEqual([]);
    expect(dbPostprocess(new Float32Array(32 * 32), size, size, params)).toEqual([]);
    expect(dbPostprocess(new Float32Array(32 * 32).fill(Number.NaN), size, size, params)).toEqual([]);
    for (const v of [1, Infinity]) {
      const found = dbPostprocess(new Float32Array(32 * 32).fill(v), size, { width: 640, height: 480 }, params);
      expect(found).toHaveLength(1);
      expect(found[0]!.score).toBe(1);
      expect(found[0]!.box).toEqual({ x: 0, y: 0, w: 640, h: 480 });
    }
  });

  it('a map of the wrong length or an impossible image size is a clear error', () => {
    expect(() => dbPostprocess(new Float32Array(5), { width: 4, height: 4 }, size, params)).toThrow('Probability map has 5 values, expected 4×4');
    expect(() => dbPostprocess(new Float32Array(16), { width: 4, height: 4 }, { width: 0, height: 10 }, params)).toThrow('Original image size must be integers ≥ 1, got 0×10');
    expect(() => dbPostprocess(new Float32Array(16), { width: 4.5, height: 4 }, size, params)).toThrow('Probability map size must be integers ≥ 0, got 4.5×4');
  });
});

// ---------------------------------------------------------------- CTC (ppocr-rec)

describe('CTC decoding (ppocr-rec) on random and adversarial outputs', () => {
  it(`never throws, reads only dictionary characters, and the confidence is in [0, 1] (${CASES} seeded cases)`, () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const random = seededRandom(seed);
      const steps = random.int(0, 40);
      const classes = random.int(1, 12);
      const dictionary = ['<blank>', ...'abcdefghij'.slice(0, Math.max(0, classes - 2)), ...(classes > 1 ? [' '] : [])];
      const share = random.pick([0, 0.1, 1]);
      const fill = random.pick<() => number>([() => random.next(), () => 0, () => 1]);
      const probs = new Float32Array(steps * classes).map(() => valueFrom(random, fill, share));
      const where = `seed ${seed} (${steps}×${classes}, adversarial share ${share})`;
      const { text, confidence } = ctcGreedyDecode(probs, steps, classes, dictionary);
      expectUnitScore(confidence, where);
      expect([...text].every((ch) => dictionary.slice(1).includes(ch)), `${where}: ${JSON.stringify(text)}`).toBe(true);
      expect(text, where).toBe(text.trim());
      if (text) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('a step of NaN reads as blank; +Infinity counts as certainty 1; wrong sizes are clear errors', () => {
    const dictionary = ['<blank>', 'a', 'b', ' '];
    expect(ctcGreedyDecode(new Float32Array(8).fill(Number.NaN), 2, 4, dictionary)).toEqual({ text: '', confidence: 0 });
    expect(ctcGreedyDecode(Float32Array.from([0, Infinity, 0, 0, 0, 0, 0.8, 0]), 2, 4, dictionary)).toEqual({ text: 'ab', confidence: expect.closeTo(0.9, 5) });
    expect(() => ctcGreedyDecode(new Float32Array(7), 2, 4, dictionary)).toThrow('CTC input has 7 values, expected 2×4');
    expect(() => ctcGreedyDecode(new Float32Array(0), 0, 0, [])).toThrow('CTC input needs steps ≥ 0 and classes ≥ 1, got 0×0');
  });
});

// ---------------------------------------------------------------- YOLO v5 / v8 / v11

function randomHead(random: Random, layout: YoloLayout, classCount: number, anchors: number, inputSize: number) {
  const share = random.pick([0, 0.05, 0.3, 1]);
  const coord = () => valueFrom(random, () => -100 + random.next() * (inputSize + 200), share);
  const side = () => valueFrom(random, () => -20 + random.next() * inputSize * 1.5, share);
  const score = () => valueFrom(random, () => random.next(), share);
  const perAnchor = () => [coord(), coord(), side(), side(), ...(layout === 'yolo-v5' ? [score()] : []), ...Array.from({ length: classCount }, score)];
  const rows = Array.from({ length: anchors }, perAnchor);
  const width = rows[0]?.length ?? (layout === 'yolo-v5' ? 5 + classCount : 4 + classCount);
  if (layout === 'yolo-v5') return { data: Float32Array.from(rows.flat()), dims: [1, anchors, width] };
  const data = new Float32Array(width * anchors);
  rows.forEach((row, i) => row.forEach((v, r) => (data[r * anchors + i] = v)));
  return { data, dims: [1, width, anchors], share };
}

describe('YOLO decoding (yolo-v5, yolo-v8, yolo-v11) on random and adversarial heads', () => {
  it(`never throws, and every box is finite, inside the image, with positive size, a score in [0, 1] and a known class (${CASES} seeded cases)`, () => {
    let kept = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const random = seededRandom(seed);
      const layout = random.pick(yoloLayouts);
      const classes = Array.from({ length: random.int(1, 5) }, (_, i) => `c${i}`);
      const inputSize = random.pick([320, 416, 640]);
      const image = { width: random.int(1, 4000), height: random.int(1, 4000) };
      const transform = containTransform(image.width, image.height, inputSize, inputSize);
      const head = randomHead(random, layout, classes.length, random.int(0, 120), inputSize);
      const thresholds = { confidence: random.pick([0, 0.25, random.next()]), iou: random.next() };
      const where = `seed ${seed} (${layout}, ${head.dims.join('×')}, image ${image.width}×${image.height})`;
      const predictions = decodeYolo(layout, head, classes, thresholds, transform);
      kept += predictions.length;
      for (const p of predictions) {
        expectUsableBox(p.box, image.width, image.height, where);
        expectUnitScore(p.score, where);
        expect(p.score, where).toBeGreaterThanOrEqual(thresholds.confidence);
        expect(p.className, where).toBe(classes[p.classIndex]);
      }
    }
    expect(kept).toBeGreaterThan(100);
  });

  const identity = containTransform(640, 640, 640, 640);
  const v8 = (anchors: number[][]) => {
    const n = anchors.length;
    const data = new Float32Array(anchors[0]!.length * n);
    anchors.forEach((a, i) => a.forEach((v, r) => (data[r * n + i] = v)));
    return { data, dims: [1, anchors[0]!.length, n] };
  };

  it.each(yoloLayouts)('%s: an all-zero head has no boxes even at confidence 0 (zero-sized); an all-ones head has one 1×1 box after NMS', (layout) => {
    const dims = layout === 'yolo-v5' ? [1, 50, 7] : [1, 6, 50];
    const zeros = new Float32Array(dims[1]! * dims[2]!);
    expect(decodeYolo(layout, { data: zeros, dims }, ['a', 'b'], { confidence: 0, iou: 0.5 }, identity)).toEqual([]);
    const ones = zeros.fill(1);
    expect(decodeYolo(layout, { data: ones, dims }, ['a', 'b'], { confidence: 0.25, iou: 0.5 }, identity)).toEqual([
      { className: 'a', classIndex: 0, box: { x: 0.5, y: 0.5, w: 1, h: 1 }, score: 1 },
    ]);
  });

  it('absurd anchors are dropped, finite oversize boxes are clamped, and non-number scores are ignored', () => {
    const out = v8([
      [Number.NaN, 100, 50, 50, 0.9], // NaN centre
      [100, 100, Infinity, 50, 0.9], // infinite width
      [100, 100, -50, 50, 0.9], // negative width
      [100, 100, 50, 0, 0.9], // zero height
      [-5000, -5000, 100, 100, 0.9], // entirely off the image
      [320, 320, 1e30, 1e30, 0.8], // huge: the whole image
      [500, 500, 40, 40, Number.NaN], // no score
      [100, 500, 40, 40, Infinity], // no score
    ]);
    const predictions = decodeYolo('yolo-v8', out, ['thing'], { confidence: 0.25, iou: 0.45 }, identity);
    expect(predictions).toEqual([{ className: 'thing', classIndex: 0, box: { x: 0, y: 0, w: 640, h: 640 }, score: expect.closeTo(0.8, 5) }]);
  });

  it('a class score that is not a number loses to a real one; scores above 1 are clamped', () => {
    const predictions = decodeYolo('yolo-v11', v8([[100, 100, 40, 40, Infinity, 0.6], [400, 400, 40, 40, 7, 0.1]]), ['a', 'b'], { confidence: 0.25, iou: 0.45 }, identity);
    // Anchor 0: class a is +Infinity (ignored), so class b at 0.6. Anchor 1: class a is 7, clamped to 1.
    expect(predictions.map((p) => [p.className, p.score])).toEqual([['a', 1], ['b', expect.closeTo(0.6, 5)]]);
  });

  it('tensors of the wrong shape are clear errors, not NaN boxes', () => {
    const t = identity;
    expect(() => decodeYolo('yolo-v8', { data: new Float32Array(10), dims: [1, 6, 4] }, ['a', 'b'], { confidence: 0.25, iou: 0.45 }, t)).toThrow(
      'yolo-v8 output [1,6,4] with 10 values does not fit [1, 6, N] for 2 classes: the data holds 10 values, the dimensions say 24',
    );
    expect(() => decodeYolo('yolo-v11', { data: new Float32Array(24), dims: [1, 6, 4] }, ['a', 'b', 'c'], { confidence: 0.25, iou: 0.45 }, t)).toThrow('there are 6 rows per anchor');
    expect(() => decodeYolo('yolo-v5', { data: new Float32Array(24), dims: [1, 4, 6] }, ['a', 'b', 'c'], { confidence: 0.25, iou: 0.45 }, t)).toThrow('each anchor has 6 values');
    expect(() => decodeYolo('yolo-v5', { data: new Float32Array(24), dims: [24] }, ['a'], { confidence: 0.25, iou: 0.45 }, t)).toThrow('expected 3 dimensions, got 1');
  });
});
