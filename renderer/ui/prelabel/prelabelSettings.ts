import { DEFAULT_AUTO_ACCEPT, readAutoAcceptPolicy, type AutoAcceptPolicy } from '../../../core/prelabel/autoAccept/policy';
import type { ModelSummary } from '../../../electron/common/services';

/** Per-project pre-label choices, kept in the store's settings under `prelabel:<projectId>`. */
export interface PrelabelSettings {
  modelId: string | null;
  confidence: number;
  iou: number;
  /** "Accept all" takes pending pre-labels scoring at least this. */
  acceptThreshold: number;
  /** Auto-accept above a reviewed threshold per model and class, with an audit sample (core/prelabel/autoAccept); the store reads it on ingest. */
  autoAccept: AutoAcceptPolicy;
}

export const settingsKey = (projectId: string) => `prelabel:${projectId}`;

export const FALLBACK_SETTINGS: PrelabelSettings = { modelId: null, confidence: 0.3, iou: 0.45, acceptThreshold: 0.8, autoAccept: DEFAULT_AUTO_ACCEPT };

/** Choosing a model starts from the thresholds its manifest recommends. */
export function settingsForModel(current: PrelabelSettings, model: ModelSummary): PrelabelSettings {
  return { ...current, modelId: model.id, confidence: model.defaults.confidence, iou: model.defaults.iou };
}

/** A saved value of any age read back as complete settings; out-of-range numbers fall back. */
export function readSettings(saved: unknown): PrelabelSettings {
  const raw = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof PrelabelSettings, unknown>>;
  const unit = (v: unknown, fallback: number) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : fallback);
  return {
    modelId: typeof raw.modelId === 'string' ? raw.modelId : null,
    confidence: unit(raw.confidence, FALLBACK_SETTINGS.confidence),
    iou: unit(raw.iou, FALLBACK_SETTINGS.iou),
    acceptThreshold: unit(raw.acceptThreshold, FALLBACK_SETTINGS.acceptThreshold),
    autoAccept: readAutoAcceptPolicy(raw.autoAccept),
  };
}
