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
  /**
   * What the auto-accept policy decided when the run was made (as on the
   * shape's `prelabel.decision`, kept here too because a deleted shape takes
   * its decision with it): `auto` accepted without a human, `audit` sent to a
   * human as a random audit sample with chance `auditRate`. Absent: an
   * ordinary pending pre-label (or no policy).
   */
  decision?: 'auto' | 'audit';
  auditRate?: number;
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
  /**
   * Predictions of EARLIER runs of the same model on the item that were still
   * pending when this run came and that it removed: they were replaced, not
   * rejected, and count nowhere. Absent on records written before re-runs
   * kept work (those removed every pending pre-label; see reviewState.ts).
   */
  replaced?: string[];
  /**
   * The model's own class names, when the ingester knew them: "missed" counts
   * only hand-drawn boxes of the project classes these map to.
   */
  modelClasses?: string[];
  createdAt: number;
}

/**
 * Where a counted prediction ends: exactly one of these (see reviewState.ts).
 * `auto`: accepted by the auto-accept policy and never touched by a human —
 * in no human rate.
 */
export type CountedFate = 'pending' | 'accepted' | 'corrected' | 'rejected' | 'auto';

/** `unmapped`: the project had no class of that name, no shape was made; it counts nowhere. */
export type PredictionFate = CountedFate | 'unmapped';
