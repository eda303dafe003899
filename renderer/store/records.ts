import type { Item } from '../../core/model/item';
import type { Shape } from '../../core/model/shape';
import type { HistoryEntry } from '../editor/history/undoStack';

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
}

export type HistoryRecord = HistoryEntry & { itemId: string; projectId: string };

export interface SettingRecord {
  key: string;
  value: unknown;
}
