import type { ErrorPayload } from '../errors';
import type { ImageInput, ImagePredictions, LoadedModelInfo, ModelListing, Thresholds } from '../types';

/** What the engine client hands the worker when it starts it. */
export interface WorkerOptions {
  modelsDirs: string[];
  providers: string[];
  intraOpThreads?: number;
}

export type WorkerRequest =
  | { type: 'list'; id: number }
  | { type: 'load'; id: number; modelId: string }
  | { type: 'predict'; id: number; modelId: string; imagePath: string; thresholds: Thresholds }
  | { type: 'predictImage'; id: number; modelId: string; image: ImageInput; thresholds: Thresholds }
  | { type: 'batch'; id: number; modelId: string; imagePaths: string[]; thresholds: Thresholds }
  | { type: 'cancel'; id: number }
  | { type: 'dispose'; id: number };

export interface BatchSummary {
  completed: number;
  failed: number;
  cancelled: boolean;
}

export type ResultValue = ModelListing[] | LoadedModelInfo | ImagePredictions | BatchSummary | null;

export type WorkerMessage =
  | { type: 'result'; id: number; ok: true; value: ResultValue }
  | { type: 'result'; id: number; ok: false; error: ErrorPayload }
  | { type: 'item'; id: number; index: number; imagePath: string; ok: true; value: ImagePredictions }
  | { type: 'item'; id: number; index: number; imagePath: string; ok: false; error: ErrorPayload }
  | { type: 'log'; level: 'info' | 'warn'; message: string };
