import { clampBox } from '../../../core/geometry/box';
import type { Box } from '../../../core/model/shape';
import type { LetterboxTransform } from '../preprocess/letterbox';
import type { Prediction, Thresholds } from '../types';
import { nonMaxSuppression, type Candidate } from './nms';

/**
 * Ultralytics YOLO detection heads. Both give, per anchor, a box as centre x,
 * centre y, width, height in model-input pixels, then class scores:
 *  - v5:     [1, N, 5 + C]  cx, cy, w, h, objectness, class scores; score = objectness × class
 *  - v8/v11: [1, 4 + C, N]  cx, cy, w, h, class scores (anchor-free, transposed: anchors last)
 */
export type YoloLayout = 'yolo-v5' | 'yolo-v8';

export interface YoloOutput {
  data: Float32Array;
  dims: readonly number[];
}

export function decodeYolo(
  layout: YoloLayout,
  output: YoloOutput,
  classes: string[],
  thresholds: Thresholds,
  transform: LetterboxTransform,
): Prediction[] {
  const candidates = layout === 'yolo-v8' ? candidatesV8(output, classes.length, thresholds.confidence) : candidatesV5(output, classes.length, thresholds.confidence);
  const kept = nonMaxSuppression(candidates, thresholds.iou);
  const predictions: Prediction[] = [];
  for (const c of kept) {
    const box = clampBox(unletterbox(c.box, transform), transform.imageWidth, transform.imageHeight);
    if (box.w <= 0 || box.h <= 0) continue;
    predictions.push({ className: classes[c.classIndex]!, classIndex: c.classIndex, box, score: c.score });
  }
  return predictions;
}

function candidatesV8({ data, dims }: YoloOutput, classCount: number, minScore: number): Candidate[] {
  const n = dims[2]!;
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    let bestClass = 0;
    for (let c = 0; c < classCount; c++) {
      const s = data[(4 + c) * n + i]!;
      if (s > best) [best, bestClass] = [s, c];
    }
    if (best < minScore) continue;
    out.push({ box: centreBox(data[i]!, data[n + i]!, data[2 * n + i]!, data[3 * n + i]!), score: best, classIndex: bestClass });
  }
  return out;
}

function candidatesV5({ data, dims }: YoloOutput, classCount: number, minScore: number): Candidate[] {
  const n = dims[1]!;
  const stride = 5 + classCount;
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const row = i * stride;
    const objectness = data[row + 4]!;
    if (objectness < minScore) continue; // score = obj × cls ≤ obj
    let best = -Infinity;
    let bestClass = 0;
    for (let c = 0; c < classCount; c++) {
      const s = data[row + 5 + c]!;
      if (s > best) [best, bestClass] = [s, c];
    }
    const score = objectness * best;
    if (score < minScore) continue;
    out.push({ box: centreBox(data[row]!, data[row + 1]!, data[row + 2]!, data[row + 3]!), score, classIndex: bestClass });
  }
  return out;
}

function centreBox(cx: number, cy: number, w: number, h: number): Box {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/** Model-input pixels → original image pixels. */
export function unletterbox(box: Box, t: LetterboxTransform): Box {
  return { x: (box.x - t.padX) / t.scale, y: (box.y - t.padY) / t.scale, w: box.w / t.scale, h: box.h / t.scale };
}

export function unletterboxPoint([x, y]: [number, number], t: LetterboxTransform): [number, number] {
  return [Math.min(t.imageWidth, Math.max(0, (x - t.padX) / t.scale)), Math.min(t.imageHeight, Math.max(0, (y - t.padY) / t.scale))];
}
