import ort from 'onnxruntime-node';
import { dbDefaults, dbPostprocess } from '../ppocr/dbPostprocess';
import { detectText, quadBounds, type Quad, type StageTimings, type TextDetection } from '../ppocr/index';
import { unletterboxPoint } from '../decode/yolo';
import { imageRows, letterbox, letterboxTensor, type LetterboxTransform } from '../preprocess/letterbox';
import { rawRgb, type OpenedImage } from '../preprocess/readImage';
import type { ModelManifest } from '../types';

/**
 * The two ways to feed a PP-OCR DB detector, chosen by the manifest's input size:
 *  - 'dynamic': PaddleOCR's own rule (longer side ≤ limit, sides multiples of 32), via detectText;
 *  - 'fixed':   letterboxed to the manifest size like a YOLO model. Here the whole
 *               preprocessing (resize and normalised NCHW tensor) happens in
 *               prepare(), off the session's critical path, so it overlaps the
 *               previous image's run; only run + DB post-processing remain serial.
 */
export interface TextDetector<P> {
  prepare(image: OpenedImage): Promise<P>;
  /** The original image's size (as displayed). */
  sizeOf(prepared: P): { width: number; height: number };
  detect(prepared: P, boxThreshold: number, timings: StageTimings): Promise<TextDetection[]>;
}

export function paddleDetector(manifest: ModelManifest, session: ort.InferenceSession): TextDetector<{ data: Buffer; width: number; height: number }> {
  const limitSideLen = Math.max(manifest.input.width, manifest.input.height);
  return {
    prepare: (image) => rawRgb(image),
    sizeOf: (rgb) => ({ width: rgb.width, height: rgb.height }),
    detect: (rgb, boxThreshold, timings) => detectText(session, rgb, { boxThreshold, limitSideLen, timings }),
  };
}

export function letterboxDetector(manifest: ModelManifest, session: ort.InferenceSession): TextDetector<{ tensor: ort.Tensor; transform: LetterboxTransform }> {
  const { name, width, height } = manifest.input;
  return {
    async prepare(image) {
      const boxed = await letterbox(image, width, height);
      return { tensor: new ort.Tensor('float32', letterboxTensor(boxed, manifest.normalization), [1, 3, height, width]), transform: boxed.transform };
    },
    sizeOf: ({ transform }) => ({ width: transform.imageWidth, height: transform.imageHeight }),
    async detect({ tensor, transform }, boxThreshold, timings) {
      const start = performance.now();
      const outputs = await session.run({ [name]: tensor });
      const runEnd = performance.now();
      const prob = outputs[session.outputNames[0]!]!.data as Float32Array;
      // Only the rows that hold the image: the letterbox's top and bottom
      // padding has no text, and skipping it shortens this serial step (44 %
      // of the map for a 16:9 image in a square input).
      const rows = imageRows(transform, height);
      const map = { width, height: rows.end - rows.start };
      const found = dbPostprocess(prob.subarray(rows.start * width, rows.end * width), map, map, { ...dbDefaults, boxThreshold });
      const mapped = found.map((d) => {
        const quad = d.quad.map(([x, y]) => unletterboxPoint([x, y + rows.start], transform)) as Quad;
        return { ...d, quad, box: quadBounds(quad) };
      });
      Object.assign(timings, { preprocessMs: 0, runMs: runEnd - start, postprocessMs: performance.now() - runEnd });
      return mapped;
    },
  };
}
