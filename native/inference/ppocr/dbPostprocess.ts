import { clampToImage } from '../decode/usableBox';
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
 *
 * Never throws on a map of the right size, whatever its values: a region
 * that cannot form a box (one pixel, one line) is dropped, NaN counts as
 * background, and every detection returned has a finite box inside the
 * image, a positive size and a score in [0, 1]. Sizes that do not match the
 * map throw a clear error before any work.
 */
export function dbPostprocess(
  prob: Float32Array,
  map: { width: number; height: number },
  original: { width: number; height: number },
  params: DbParams,
): TextDetection[] {
  const { width, height } = map;
  checkSize('Probability map', width, height, 0);
  checkSize('Original image', original.width, original.height, 1);
  if (prob.length !== width * height) throw new Error(`Probability map has ${prob.length} values, expected ${width}×${height}`);
  const mask = new Uint8Array(prob.length);
  // NaN > threshold is false: a NaN pixel is background.
  for (let i = 0; i < prob.length; i++) mask[i] = prob[i]! > params.binThreshold ? 1 : 0;

  const sx = original.width / width;
  const sy = original.height / height;
  const out: TextDetection[] = [];
  for (const component of findComponents(mask, width, height, params.maxCandidates)) {
    const kernel = minAreaRect(convexHull(componentOutline(component)));
    if (!kernel || !(Math.min(kernel.w, kernel.h) >= minKernelSide)) continue;
    const score = boxScore(prob, width, height, kernel);
    if (score < params.boxThreshold) continue;
    const grown = unclipRect(kernel, params.unclipRatio);
    if (!(Math.min(grown.w, grown.h) >= minGrownSide)) continue;
    const quad = rectCorners(grown).map(([x, y]): Point => [clamp(x * sx, original.width), clamp(y * sy, original.height)]) as Quad;
    if (!(distance(quad[0], quad[1]) > minOutputSide && distance(quad[0], quad[3]) > minOutputSide)) continue;
    const box = clampToImage(quadBounds(quad), original.width, original.height);
    if (!box) continue;
    out.push({ quad, box, score });
  }
  return readingOrder(out);
}

function checkSize(what: string, width: number, height: number, min: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < min || height < min) {
    throw new Error(`${what} size must be integers ≥ ${min}, got ${width}×${height}`);
  }
}

function clamp(v: number, max: number): number {
  return Math.min(max, Math.max(0, v));
}
