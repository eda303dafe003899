import type { Item } from '../../core/model/item';
import type { Shape } from '../../core/model/shape';
import type { Segment } from '../../core/model/track';
import type { HistoryEntry } from '../document/undoStack';

/** Item row: the core Item plus a denormalised shape count for the item list (v2). */
export type ItemRecord = Item & { shapeCount: number };

/** One bucket of an item's shapes; see shapeRows.ts for why shapes are stored this way. */
export interface ShapeBucketRecord {
  itemId: string;
  projectId: string;
  bucket: number;
  shapes: Shape[];
  /** Multi-entry index: which rows use a class, for the class-deletion guard. */
  classIds: string[];
  /** Schema version of the shapes in this row (core/model/recordTypes.ts `shape`); absent on rows written before it: version 1. */
  schemaVersion?: number;
}

/**
 * One undo step (history row). `schemaVersion` is the entry's form
 * (absent: version 1, `{put, remove, video}` steps; 2: DocumentDiffs) and
 * `recordVersions` the versions of the shapes, tracks and tags inside; read
 * rows through historyRows.ts `readHistoryRows`.
 */
export type HistoryRecord = HistoryEntry & { itemId: string; projectId: string; schemaVersion?: number; recordVersions?: Record<string, number> };

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A background pre-label job this renderer started (the host keeps the job;
 * this row ties it to a project and counts the results already ingested, so
 * after a restart the renderer can resume it and fetch the rest).
 */
export interface PrelabelJobRecord {
  jobId: string;
  projectId: string;
  modelId: string;
  thresholds: { confidence: number; iou: number };
  /** Every class the model can predict: "missed" counts hand-drawn boxes of these classes only (core/prelabel). */
  modelClasses?: string[];
  total: number;
  /** Results 0..ingested-1 are in the store (ingesting again is harmless: it is idempotent). */
  ingested: number;
  startedAt: number;
  /** Set once the job ended and every result is in; finished jobs are no longer offered for resume. */
  finished: boolean;
}

/** A video's shot segmentation (v4): one row per video item (record type `segments`, core/model/shots.ts). */
export interface SegmentsRecord {
  /** Absent on rows written before records were versioned: version 1. */
  schemaVersion?: number;
  itemId: string;
  projectId: string;
  segments: Segment[];
  /** The threshold the segments were cut at, and every frame's scene score so it can be changed without a new pass. */
  threshold: number;
  scores: number[];
}
