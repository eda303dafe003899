import type { ImageSource } from '../preprocess/readImage';
import type { ImagePredictions, Thresholds } from '../types';

/**
 * How the worker drives one loaded model. `prepare` only decodes and
 * preprocesses (libvips work on the thread pool), so the next image can be
 * prepared while `predict` holds the session; `predict` calls never overlap.
 * Sessions belong to the model registry, which releases them.
 */
export interface ModelRunner<Prepared = unknown> {
  prepare(source: ImageSource): Promise<Prepared>;
  predict(prepared: Prepared, thresholds: Thresholds): Promise<ImagePredictions>;
}

export function elapsedSince(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}
