import type { Box } from '../../../core/model/shape';
import type { LetterboxTransform } from '../preprocess/letterbox';
import type { Prediction, Thresholds } from '../types';
import { nonMaxSuppression, type Candidate } from './nms';
import { unitScore } from './unitScore';
import { clampToImage } from './usableBox';
import { checkYoloOutput, type YoloLayout, type YoloOutput } from './yoloOutputShape';

export { yoloLayouts, type YoloLayout, type YoloOutput } from './yoloOutputShape';

/**
 * Ultralytics YOLO detection heads (layouts in yoloOutputShape.ts). Each
 * anchor gives a box as centre x, centre y, width, height in model-input
 * pixels, then class scores; v5 also an objectness that multiplies them.
 *
 * Never throws on a well-shaped tensor: an anchor whose box is not finite or
 * has no area, or whose scores are not numbers, is skipped, and every
 * returned box lies inside the image with a score in [0, 1]. A tensor of the
 * wrong shape throws a clear error before anything is read.
 */
export function decodeYolo(
  layout: YoloLayout,
  output: YoloOutput,
  classes: string[],
  thresholds: Thresholds,
  transform: LetterboxTransform,
): Prediction[] {
  const { anchors } = checkYoloOutput(layout, output, classes.length);
  const read = layout === 'yolo-v5' ? candidateV5 : candidateV8;
  const candidates: Candidate[] = [];
  for (let i = 0; i < anchors; i++) {
    const c = read(output.data, anchors, classes.length, i, thresholds.confidence);
    if (c) candidates.push(c);
  }
  const predictions: Prediction[] = [];
  for (const c of nonMaxSuppression(candidates, thresholds.iou)) {
    const box = clampToImage(unletterbox(c.box, transform), transform.imageWidth, transform.imageHeight);
    if (!box) continue;
    predictions.push({ className: classes[c.classIndex]!, classIndex: c.classIndex, box, score: c.score });
  }
  return predictions;
}

type ReadAnchor = (data: Float32Array, anchors: number, classCount: number, i: number, minScore: number) => Candidate | undefined;

/** v8/v11: value r of anchor i at r × N + i. */
const candidateV8: ReadAnchor = (data, n, classCount, i, minScore) => {
  const best = bestClass(classCount, (c) => data[(4 + c) * n + i]);
  if (!best || best.score < minScore) return undefined;
  const box = centreBox(data[i]!, data[n + i]!, data[2 * n + i]!, data[3 * n + i]!);
  return box && { box, score: best.score, classIndex: best.classIndex };
};

/** v5: anchor i at i × (5 + C); score = objectness × class score. */
const candidateV5: ReadAnchor = (data, _n, classCount, i, minScore) => {
  const row = i * (5 + classCount);
  const objectness = unitScore(data[row + 4]);
  if (objectness === undefined || objectness < minScore) return undefined; // score ≤ objectness
  const best = bestClass(classCount, (c) => data[row + 5 + c]);
  if (!best) return undefined;
  const score = objectness * best.score;
  if (score < minScore) return undefined;
  const box = centreBox(data[row]!, data[row + 1]!, data[row + 2]!, data[row + 3]!);
  return box && { box, score, classIndex: best.classIndex };
};

/** The highest class score that is a number, clamped to [0, 1]; undefined when none is. */
function bestClass(classCount: number, scoreOf: (c: number) => number | undefined): { score: number; classIndex: number } | undefined {
  let best: { score: number; classIndex: number } | undefined;
  for (let c = 0; c < classCount; c++) {
    const s = unitScore(scoreOf(c));
    if (s !== undefined && (!best || s > best.score)) best = { score: s, classIndex: c };
  }
  return best;
}

/** A box from centre and size, or undefined when it cannot be one (not finite, no area). */
function centreBox(cx: number, cy: number, w: number, h: number): Box | undefined {
  if (!(w > 0 && h > 0)) return undefined;
  const box = { x: cx - w / 2, y: cy - h / 2, w, h };
  return [box.x, box.y, box.w, box.h].every(Number.isFinite) ? box : undefined;
}

/** Model-input pixels → original image pixels. */
export function unletterbox(box: Box, t: LetterboxTransform): Box {
  return { x: (box.x - t.padX) / t.scale, y: (box.y - t.padY) / t.scale, w: box.w / t.scale, h: box.h / t.scale };
}

export function unletterboxPoint([x, y]: [number, number], t: LetterboxTransform): [number, number] {
  return [Math.min(t.imageWidth, Math.max(0, (x - t.padX) / t.scale)), Math.min(t.imageHeight, Math.max(0, (y - t.padY) / t.scale))];
}
