import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from './engine';
import type { InferenceEngine, Prediction } from './types';
import { constantOutputModel, yoloV5Output, yoloV8Output, type Anchor } from './testSupport/constantOutputModel';
import { dropModel, tempModelsDir, writeJpeg, yoloManifest } from './testSupport/modelFixture';

// An 800×400 image letterboxed into 640×640: scale 0.8, resized 640×320, padded 160 px top and bottom.
const SCALE = 0.8;
const PAD_Y = 160;

/** An anchor for a box given in original image pixels (x, y, w, h). */
function anchorFor(x: number, y: number, w: number, h: number, scores: number[], objectness?: number): Anchor {
  return { cx: (x + w / 2) * SCALE, cy: (y + h / 2) * SCALE + PAD_Y, w: w * SCALE, h: h * SCALE, scores, objectness };
}

// Original-image boxes: A and B overlap heavily (IoU ≈ 0.82), C sits exactly on B but is another class.
const anchors = {
  catA: anchorFor(100, 50, 200, 100, [0.9, 0.05]),
  catB: anchorFor(110, 55, 200, 100, [0.8, 0.1]),
  dogC: anchorFor(110, 55, 200, 100, [0.1, 0.7]),
  faint: anchorFor(500, 200, 50, 50, [0.1, 0.1]),
  // Reaches 25 px left of the image and 60 px below it (into the padding): must be clamped.
  edge: anchorFor(-25, 300, 125, 160, [0.05, 0.6]),
  separateCat: anchorFor(600, 100, 150, 150, [0.55, 0]),
};

const sorted = (predictions: Prediction[]) => [...predictions].sort((a, b) => b.score - a.score);

function expectBox(actual: Prediction['box'], expected: Prediction['box']) {
  for (const key of ['x', 'y', 'w', 'h'] as const) expect(actual[key]).toBeCloseTo(expected[key], 3);
}

describe('YOLO decoding through the whole engine (real onnxruntime sessions)', () => {
  let engine: InferenceEngine;
  let cleanup: () => Promise<void>;
  let imagePath: string;

  beforeAll(async () => {
    const models = await tempModelsDir();
    cleanup = models.cleanup;
    const list = Object.values(anchors);
    const v8 = yoloV8Output(list, 2);
    await dropModel(models.dir, yoloManifest('v8-test', { decoder: 'yolo-v8' }), constantOutputModel(v8.values, v8.dims));
    const v5Anchors = list.map((a) => ({ ...a, objectness: 1 }));
    // In v5 the score is objectness × class: 0.5 × 0.9 = 0.45 for the first cat.
    v5Anchors[0] = { ...v5Anchors[0]!, objectness: 0.5 };
    const v5 = yoloV5Output(v5Anchors, 2);
    await dropModel(models.dir, yoloManifest('v5-test', { decoder: 'yolo-v5' }), constantOutputModel(v5.values, v5.dims));
    imagePath = await writeJpeg(path.join(models.dir, 'wide.jpg'), 800, 400);
    engine = createInferenceEngine({ modelsDirs: [models.dir], providers: ['cpu'], log: () => {} });
  });

  afterAll(async () => {
    await engine?.dispose();
    await cleanup?.();
  });

  it('v8 layout: maps boxes back through the letterbox, suppresses same-class overlaps, keeps other classes, clamps to the image', async () => {
    const result = await engine.predictFile('v8-test', imagePath, { confidence: 0.25, iou: 0.45 });
    expect([result.width, result.height]).toEqual([800, 400]);
    const predictions = sorted(result.predictions);
    expect(predictions.map((p) => [p.className, p.score])).toEqual([
      ['cat', expect.closeTo(0.9, 5)],
      ['dog', expect.closeTo(0.7, 5)],
      ['dog', expect.closeTo(0.6, 5)],
      ['cat', expect.closeTo(0.55, 5)],
    ]);
    expectBox(predictions[0]!.box, { x: 100, y: 50, w: 200, h: 100 });
    expectBox(predictions[1]!.box, { x: 110, y: 55, w: 200, h: 100 });
    expectBox(predictions[2]!.box, { x: 0, y: 300, w: 100, h: 100 });
    expectBox(predictions[3]!.box, { x: 600, y: 100, w: 150, h: 150 });
    expect(predictions.map((p) => p.classIndex)).toEqual([0, 1, 1, 0]);
  });

  it('v8 layout: a looser IoU threshold keeps the overlapping cat, a higher confidence drops the weak boxes', async () => {
    const loose = await engine.predictFile('v8-test', imagePath, { confidence: 0.25, iou: 0.9 });
    expect(loose.predictions.filter((p) => p.className === 'cat')).toHaveLength(3);
    const strict = await engine.predictFile('v8-test', imagePath, { confidence: 0.65, iou: 0.45 });
    expect(sorted(strict.predictions).map((p) => p.className)).toEqual(['cat', 'dog']);
  });

  it('v5 layout: score is objectness × class score, then the same NMS and letterbox inversion', async () => {
    const result = await engine.predictFile('v5-test', imagePath, { confidence: 0.25, iou: 0.45 });
    const predictions = sorted(result.predictions);
    // catA now scores 0.45 < catB's 0.8, so catB survives NMS and catA is suppressed.
    expect(predictions.map((p) => [p.className, p.score])).toEqual([
      ['cat', expect.closeTo(0.8, 5)],
      ['dog', expect.closeTo(0.7, 5)],
      ['dog', expect.closeTo(0.6, 5)],
      ['cat', expect.closeTo(0.55, 5)],
    ]);
    expectBox(predictions[0]!.box, { x: 110, y: 55, w: 200, h: 100 });
    expectBox(predictions[2]!.box, { x: 0, y: 300, w: 100, h: 100 });
  });
});
