import type { Box } from '../../core/model/shape';
import type { UltralyticsReading } from './manifest/manifestFromUltralytics';

/**
 * The public face of the inference engine. Everything else under
 * native/inference is implementation; the host services use only this.
 */

export type ModelTask = 'detect' | 'text-detect' | 'text-recognize' | 'ocr';

/** What a model manifest declares, after validation (see models/README.md for the JSON form). */
export interface ModelManifest {
  id: string;
  name: string;
  task: ModelTask;
  /** Model file, relative to the manifest's folder. */
  file: string;
  sha256: string;
  input: { name: string; width: number; height: number; /** 'dynamic' when the model accepts any multiple of 32 (PP-OCR det) */ size: 'fixed' | 'dynamic' };
  normalization: { mean: [number, number, number]; std: [number, number, number]; /** scale applied before mean/std, usually 1/255 */ scale: number; channelOrder: 'rgb' | 'bgr' };
  decoder: 'yolo-v5' | 'yolo-v8' | 'yolo-v11' | 'ppocr-det' | 'ppocr-rec';
  classes: string[];
  defaults: { confidence: number; iou: number };
  /** For 'ocr' pipelines: the recognition model's manifest id, run on every detected text box. */
  recognizer?: string;
  /** For 'ppocr-rec': the dictionary file relative to the manifest. */
  dictionary?: string;
}

export interface ModelListing {
  manifestPath: string;
  /** Present when the manifest parsed; absent when it did not. */
  manifest?: ModelManifest;
  /** Every problem found without loading the model (bad JSON, missing file, bad hash…). */
  problems: string[];
  /**
   * Set for a `.onnx` file found without a manifest: `manifest` (when present)
   * was proposed from the file's own metadata and already runs, but the user
   * should confirm or correct it (confirmProposedManifest writes it to
   * `manifestPath`). `readFromModel` is what was read, to show them.
   */
  needsConfirmation?: true;
  readFromModel?: UltralyticsReading;
}

/**
 * An image already in memory: encoded bytes (JPEG, PNG, WebP) or raw 8-bit
 * RGB, HWC (e.g. a decoded video frame). Raw pixels skip a lossy re-encode.
 */
export type ImageInput = Uint8Array | { data: Uint8Array; width: number; height: number; channels: 3 };

export interface Thresholds {
  confidence: number;
  iou: number;
}

/** One predicted object, in the original image's pixel coordinates. */
export interface Prediction {
  className: string;
  classIndex: number;
  box: Box;
  score: number;
  /** e.g. { text: 'INVOICE', quad: '[[x,y],…]' } for OCR */
  attributes?: Record<string, string | number | boolean>;
}

export interface ImagePredictions {
  width: number;
  height: number;
  predictions: Prediction[];
  timings: { decodeMs: number; inferMs: number; postMs: number };
}

export interface LoadedModelInfo {
  modelId: string;
  /** The execution provider that actually loaded ('cpu', 'cuda', …). */
  provider: string;
  /** Providers tried before it, with the reason each failed. */
  fallbacks: { provider: string; reason: string }[];
}

/** One image's outcome in predictFiles, in input order. A failed image does not stop the batch. */
export type BatchItem =
  | { index: number; imagePath: string; ok: true; result: ImagePredictions }
  | { index: number; imagePath: string; ok: false; error: Error };

export interface InferenceEngine {
  listModels(): Promise<ModelListing[]>;
  /** Loads (once) and reports the provider; throws ModelLoadError naming what does not match. */
  load(modelId: string): Promise<LoadedModelInfo>;
  /** Decode an image file and predict. Throws ImageDecodeError for a corrupt image. */
  predictFile(modelId: string, imagePath: string, thresholds: Thresholds): Promise<ImagePredictions>;
  /** Predict on an image in memory (a decoded video frame). Throws ImageDecodeError when the bytes do not decode. */
  predictImage(modelId: string, image: ImageInput, thresholds: Thresholds): Promise<ImagePredictions>;
  /**
   * Predict many images in order, decoding the next ones while the current one
   * runs (the fast path for background jobs). Items arrive as they finish.
   * Cancel with the signal or by leaving the `for await` loop: the image that
   * is running completes, the rest are skipped.
   */
  predictFiles(modelId: string, imagePaths: string[], thresholds: Thresholds, options?: { signal?: AbortSignal }): AsyncIterable<BatchItem>;
  /** Waits for running work to finish (a run is never killed midway), releases sessions, stops the worker. */
  dispose(): Promise<void>;
}
