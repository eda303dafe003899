import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';

/**
 * Records of model pre-label runs. A run is one model pass over a set of
 * items (one item for the hotkey, many for a background job); the store keeps
 * one PrelabelRun per (run, item). Shapes made from a run point back to their
 * prediction through `shape.prelabel.predictionId`.
 */

/** What a model predicted, as the host reports it (class by the model's name for it). */
export interface ModelPrediction {
  className: string;
  box: Box;
  score: number;
  attributes?: Record<string, AttributeValue>;
}

export interface Thresholds {
  confidence: number;
  iou: number;
}

export interface RunPrediction {
  predictionId: string;
  /** The project class it was mapped to by name; null when the project has no class of that name (no shape was made). */
  classId: string | null;
  /** The model's own class name, kept so exports and later mappings need no model at hand. */
  className: string;
  box: Box;
  score: number;
  /** As the model gave them, by attribute NAME (shapes key attributes by attribute id). */
  attributes: Record<string, AttributeValue>;
}

export interface PrelabelRun {
  runId: string;
  projectId: string;
  itemId: string;
  modelId: string;
  thresholds: Thresholds;
  predictions: RunPrediction[];
  /** 0..1, see uncertainty.ts; 0 for a failed item. */
  uncertainty: number;
  /** Why the item could not be pre-labeled (corrupt image…); no predictions then. */
  error?: string;
  createdAt: number;
}

/** The fate of one prediction of an item's latest run; see reviewState.ts for the rules. */
export type PredictionFate = 'pending' | 'accepted' | 'corrected' | 'rejected' | 'unreviewed' | 'unmapped';
