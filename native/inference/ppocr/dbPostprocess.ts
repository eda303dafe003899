import { boxScore } from './boxScore';
import { componentOutline, findComponents } from './components';
import { convexHull } from './convexHull';
import { minAreaRect } from './minAreaRect';
import { rectCorners } from './rotatedRect';
import { unclipRect } from './unclip';
import { readingOrder } from './readingOrder';
import { distance, quadBounds } from './quad';
import type { Point, Quad, TextDetection } from './types';

export interface DbParams {
  binThreshold: number;
  boxThreshold: number;
  unclipRatio: number;
  maxCandidates: number;
}

/** PaddleOCR's DBPostProcess defaults for PP-OCRv4 inference. */
export const dbDefaults: DbParams = { binThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, maxCandidates: 1000 };

// PaddleOCR's min_size: kernels thinner than this are noise (measured between
// outer pixel centres, so a region must be 4 pixels thick), and grown boxes
// must be at least min_size + 2.
const minKernelSide = 3;
const minGrownSide = minKernelSide + 2;
// filter_tag_det_res drops boxes this thin or thinner in original pixels.
const minOutputSide = 3;

/**
 * DB (Differentiable Binarization) post-processing: from the probability map
 * (map pixels) to text quadrilaterals in the original image's pixels.
 */
export function dbPostprocess(
  prob: Float32Array,
  map: { width: number; height: number },
  original: { width: number; height: number },
  params: DbParams,
): TextDetection[] {
  const { width, height } = map;
  if (prob.length !== width * height) throw new Error(`Probability map has ${prob.length} values, expected ${width}×${height}`);
  const mask = new Uint8Array(prob.length);
  for (let i = 0; i < prob.length; i++) mask[i] = prob[i]! > params.binThreshold ? 1 : 0;

  const sx = original.width / width;
  const sy = original.height / height;
  const out: TextDetection[] = [];
  for (const component of findComponents(mask, width, height, params.maxCandidates)) {
    const kernel = minAreaRect(convexHull(componentOutline(component)));
    if (Math.min(kernel.w, kernel.h) < minKernelSide) continue;
    const score = boxScore(prob, width, height, kernel);
    if (score < params.boxThreshold) continue;
    const grown = unclipRect(kernel, params.unclipRatio);
    if (Math.min(grown.w, grown.h) < minGrownSide) continue;
    const quad = rectCorners(grown).map(([x, y]): Point => [clamp(x * sx, original.width), clamp(y * sy, original.height)]) as Quad;
    if (distance(quad[0], quad[1]) <= minOutputSide || distance(quad[0], quad[3]) <= minOutputSide) continue;
    out.push({ quad, box: quadBounds(quad), score });
  }
  return readingOrder(out);
}

function clamp(v: number, max: number): number {
  return Math.min(max, Math.max(0, v));
}
