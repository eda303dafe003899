import { detectText, loadDictionary, quadBounds, recognizeText, type Quad, type StageTimings } from '../ppocr/index';
import type { OpenedSession } from '../session/openSession';
import { unletterboxPoint } from '../decode/yolo';
import { letterbox, type LetterboxTransform } from '../preprocess/letterbox';
import { openImage, rawRgb } from '../preprocess/readImage';
import type { ModelManifest, Prediction } from '../types';
import { elapsedSince, type ModelRunner } from './runner';

type Rgb = { data: Buffer; width: number; height: number };

interface PreparedOcr {
  /** What the detector sees: the whole image, or the letterboxed one for fixed-size manifests. */
  detInput: Rgb;
  /** Set when detInput is letterboxed: maps detector coordinates back to the image. */
  transform?: LetterboxTransform;
  /** Full-resolution pixels for recognition crops (recognition reads small text; never crop the downscaled copy). */
  full?: Rgb;
  width: number;
  height: number;
  decodeMs: number;
}

export interface Recognizer {
  opened: OpenedSession;
  dictionaryPath: string;
}

/** PP-OCR: DB text detection, then (when a recognizer is set) CTC recognition of every box. */
export async function createOcrRunner(manifest: ModelManifest, detector: OpenedSession, recognizer?: Recognizer): Promise<ModelRunner<PreparedOcr>> {
  const dictionary = recognizer ? await loadDictionary(recognizer.dictionaryPath) : undefined;
  const fixed = manifest.input.size === 'fixed';
  const limitSideLen = Math.max(manifest.input.width, manifest.input.height);
  return {
    async prepare(filePath) {
      const start = performance.now();
      const image = await openImage(filePath);
      let prepared: Omit<PreparedOcr, 'decodeMs'>;
      if (fixed) {
        const [boxed, full] = await Promise.all([letterbox(image, manifest.input.width, manifest.input.height), recognizer ? rawRgb(image) : undefined]);
        prepared = { detInput: boxed, transform: boxed.transform, full, width: image.width, height: image.height };
      } else {
        const full = await rawRgb(image);
        prepared = { detInput: full, full, width: full.width, height: full.height };
      }
      return { ...prepared, decodeMs: elapsedSince(start) };
    },
    async predict(prepared, thresholds) {
      const start = performance.now();
      const det: StageTimings = { preprocessMs: 0, runMs: 0, postprocessMs: 0 };
      const rec: StageTimings = { preprocessMs: 0, runMs: 0, postprocessMs: 0 };
      const found = await detectText(detector.session, prepared.detInput, { boxThreshold: thresholds.confidence, unclipRatio: 1.5, limitSideLen, timings: det });
      const transform = prepared.transform;
      const quads = found.map((d) => (transform ? (d.quad.map((p) => unletterboxPoint(p, transform)) as Quad) : d.quad));
      const texts =
        recognizer && dictionary && prepared.full && quads.length ? await recognizeText(recognizer.opened.session, prepared.full, quads, dictionary, { timings: rec }) : undefined;
      const inferMs = det.runMs + rec.runMs;
      const predictions: Prediction[] = found.map((d, i) => {
        const quad = quads[i]!;
        const attributes: Prediction['attributes'] = { quad: JSON.stringify(quad.map(([x, y]) => [round2(x), round2(y)])) };
        const text = texts?.[i];
        if (text) {
          attributes.text = text.text;
          attributes.textConfidence = round2(text.confidence, 4);
        }
        return { className: manifest.classes[0]!, classIndex: 0, box: transform ? quadBounds(quad) : d.box, score: d.score, attributes };
      });
      return {
        width: prepared.width,
        height: prepared.height,
        predictions,
        timings: {
          decodeMs: round2(prepared.decodeMs + det.preprocessMs),
          inferMs: round2(inferMs),
          postMs: round2(elapsedSince(start) - inferMs - det.preprocessMs),
        },
      };
    },
  };
}

function round2(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
