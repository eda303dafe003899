import { loadDictionary, recognizeText, type StageTimings } from '../ppocr/index';
import type { OpenedSession } from '../session/openSession';
import { openImage, rawRgb } from '../preprocess/readImage';
import type { ModelManifest, Prediction } from '../types';
import { letterboxDetector, paddleDetector, type TextDetector } from './textDetectors';
import { elapsedSince, type ModelRunner } from './runner';

type Rgb = { data: Buffer; width: number; height: number };

interface PreparedOcr {
  det: unknown;
  /** Full-resolution pixels for recognition crops (recognition reads small text; never crop a downscaled copy). */
  full?: Rgb;
  width: number;
  height: number;
  decodeMs: number;
}

export interface Recognizer {
  opened: OpenedSession;
  dictionaryPath: string;
}

/**
 * PP-OCR: DB text detection, then (when the manifest names a recognizer) CTC
 * recognition of every box. Each text box becomes a 'text' prediction with
 * its reading in `text` and its quadrilateral (JSON) in `quad`.
 */
export async function createOcrRunner(manifest: ModelManifest, detector: OpenedSession, recognizer?: Recognizer): Promise<ModelRunner<PreparedOcr>> {
  const dictionary = recognizer ? await loadDictionary(recognizer.dictionaryPath) : undefined;
  const fixed = manifest.input.size === 'fixed';
  const textDetector: TextDetector<unknown> = fixed ? letterboxDetector(manifest, detector.session) : paddleDetector(manifest, detector.session);
  return {
    async prepare(source) {
      const start = performance.now();
      const image = openImage(source);
      const needFull = recognizer !== undefined;
      const [det, full] = await Promise.all([textDetector.prepare(image), needFull ? (fixed ? rawRgb(image) : undefined) : undefined]);
      // For 'dynamic' the detector's input already is the full image.
      const fullImage = needFull ? (full ?? (det as Rgb)) : undefined;
      return { det, full: fullImage, ...textDetector.sizeOf(det), decodeMs: elapsedSince(start) };
    },
    async predict(prepared, thresholds) {
      const start = performance.now();
      const det: StageTimings = { preprocessMs: 0, runMs: 0, postprocessMs: 0 };
      const rec: StageTimings = { preprocessMs: 0, runMs: 0, postprocessMs: 0 };
      const found = await textDetector.detect(prepared.det, thresholds.confidence, det);
      const quads = found.map((d) => d.quad);
      const texts = recognizer && dictionary && prepared.full && quads.length ? await recognizeText(recognizer.opened.session, prepared.full, quads, dictionary, { timings: rec }) : undefined;
      const predictions: Prediction[] = found.map((d, i) => {
        const attributes: Prediction['attributes'] = { quad: JSON.stringify(d.quad.map(([x, y]) => [round(x), round(y)])) };
        const text = texts?.[i];
        if (text) {
          attributes.text = text.text;
          attributes.textConfidence = round(text.confidence, 4);
        }
        return { className: manifest.classes[0]!, classIndex: 0, box: d.box, score: d.score, attributes };
      });
      const inferMs = det.runMs + rec.runMs;
      return {
        width: prepared.width,
        height: prepared.height,
        predictions,
        timings: { decodeMs: round(prepared.decodeMs + det.preprocessMs), inferMs: round(inferMs), postMs: round(elapsedSince(start) - inferMs - det.preprocessMs) },
      };
    },
  };
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
