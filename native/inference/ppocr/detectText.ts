import ort from 'onnxruntime-node';
import { checkRgbImage } from './checkImage';
import { dbDefaults, dbPostprocess } from './dbPostprocess';
import { preprocessForDet } from './detPreprocess';
import type { DetectOptions, RgbImage, TextDetection } from './types';

export const defaultLimitSideLen = 960;

/**
 * Finds text lines with a PP-OCR DB detection model. Boxes and quads are in
 * the original image's pixels, in reading order.
 */
export async function detectText(session: ort.InferenceSession, image: RgbImage, opts: DetectOptions = {}): Promise<TextDetection[]> {
  checkRgbImage(image);
  const params = {
    binThreshold: opts.binThreshold ?? dbDefaults.binThreshold,
    boxThreshold: opts.boxThreshold ?? dbDefaults.boxThreshold,
    unclipRatio: opts.unclipRatio ?? dbDefaults.unclipRatio,
    maxCandidates: opts.maxCandidates ?? dbDefaults.maxCandidates,
  };
  const t0 = performance.now();
  const input = await preprocessForDet(image, opts.limitSideLen ?? defaultLimitSideLen);
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', input.tensor, [1, 3, input.height, input.width]) };
  const t1 = performance.now();
  const results = await session.run(feeds);
  const t2 = performance.now();
  const output = results[session.outputNames[0]!]!;
  const [, , mapHeight, mapWidth] = output.dims;
  if (mapHeight !== input.height || mapWidth !== input.width) {
    throw new Error(`Detection output is ${output.dims.join('×')}, expected a 1×1×${input.height}×${input.width} probability map`);
  }
  const found = dbPostprocess(output.data as Float32Array, { width: input.width, height: input.height }, image, params);
  if (opts.timings) Object.assign(opts.timings, { preprocessMs: t1 - t0, runMs: t2 - t1, postprocessMs: performance.now() - t2 });
  return found;
}
