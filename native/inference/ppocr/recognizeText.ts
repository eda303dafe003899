import ort from 'onnxruntime-node';
import { recNormalization, writeBgrPlanes } from './bgrTensor';
import { checkRgbImage } from './checkImage';
import { cropText } from './cropText';
import { ctcGreedyDecode } from './ctcDecode';
import { recHeight, resizeForRec } from './recPreprocess';
import type { Point, RgbImage, StageTimings, TextRecognition } from './types';

export interface RecognizeOptions {
  /**
   * Lines per model run. 1 (the default) runs each line alone at its own
   * width. Larger batches pad every line to the batch's widest, which on CPU
   * was both slower (padding is computed too) and less exact (the padding
   * was read as a trailing space); they may pay off on a GPU provider.
   */
  batchSize?: number;
  /** Filled in when given: crop and resize, model runs, CTC decoding, over all lines. */
  timings?: StageTimings;
}

export const defaultRecBatchSize = 1;

/**
 * Reads the text in each quad (clockwise from top-left, original pixels)
 * with a PP-OCR CTC recognizer. Results come back in the order of `quads`.
 * When batching, lines are grouped in order of width so each batch pads
 * little, as PaddleOCR does; padding is 0 after normalisation (mid grey).
 * Unlike PaddleOCR, lines are not padded up to its 320-px training width:
 * that padding made short lines end in a phantom space.
 */
export async function recognizeText(
  session: ort.InferenceSession,
  image: RgbImage,
  quads: readonly (readonly Point[])[],
  dictionary: readonly string[],
  opts: RecognizeOptions = {},
): Promise<TextRecognition[]> {
  checkRgbImage(image);
  quads.forEach((q, i) => {
    if (q.length !== 4 || q.some((p) => p.length !== 2 || !p.every(Number.isFinite))) {
      throw new Error(`Quad ${i} must be 4 finite [x, y] corners, got ${JSON.stringify(q)}`);
    }
  });
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? defaultRecBatchSize));
  const timings: StageTimings = { preprocessMs: 0, runMs: 0, postprocessMs: 0 };
  const t0 = performance.now();
  const lines = await Promise.all(quads.map(async (q) => resizeForRec(await cropText(image, q))));
  const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.width - lines[b]!.width);
  timings.preprocessMs = performance.now() - t0;
  const results: TextRecognition[] = new Array(quads.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const decoded = await runBatch(session, batch.map((i) => lines[i]!), dictionary, timings);
    batch.forEach((i, k) => (results[i] = decoded[k]!));
  }
  if (opts.timings) Object.assign(opts.timings, timings);
  return results;
}

async function runBatch(session: ort.InferenceSession, lines: RgbImage[], dictionary: readonly string[], timings: StageTimings): Promise<TextRecognition[]> {
  const width = Math.max(...lines.map((l) => l.width));
  const imageSize = 3 * recHeight * width;
  const tensor = new Float32Array(lines.length * imageSize);
  lines.forEach((l, k) => writeBgrPlanes(l.data, l.width, l.height, recNormalization, { tensor, offset: k * imageSize, planeWidth: width }));
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', tensor, [lines.length, 3, recHeight, width]) };
  const t0 = performance.now();
  const output = (await session.run(feeds))[session.outputNames[0]!]!;
  const t1 = performance.now();
  timings.runMs += t1 - t0;
  const [n, steps, classes] = output.dims as [number, number, number];
  if (n !== lines.length || output.dims.length !== 3) throw new Error(`Recognizer output is ${output.dims.join('×')}, expected ${lines.length}×steps×classes`);
  const probs = output.data as Float32Array;
  const decoded = lines.map((_, k) => ctcGreedyDecode(probs.subarray(k * steps * classes, (k + 1) * steps * classes), steps, classes, dictionary));
  timings.postprocessMs += performance.now() - t1;
  return decoded;
}
