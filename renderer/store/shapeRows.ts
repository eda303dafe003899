import type { Shape } from '../../core/model/shape';
import type { GroundworkDb } from './db';
import type { ShapeBucketRecord } from './records';
import { recordTypes } from '../../core/model/recordTypes';
import { readStoredBatch } from './storedRecords';

/**
 * Row layout of shapes: each item's shapes are split into buckets of about
 * TARGET_BUCKET_SIZE by a hash of the shape id, one row per bucket. Measured in
 * bench/store/layouts.ts against row-per-shape and one-row-per-item: an edit
 * rewrites one small bucket (fast even at 10,000 shapes per item), loading an
 * item reads a few rows, and bulk writes touch ~1/256 as many rows as shapes.
 * This module is the only code that knows the layout. Callers run it inside
 * a transaction that includes `shapeBuckets`.
 */
export const TARGET_BUCKET_SIZE = 256;

/** FNV-1a: stable across sessions and browsers, so a shape always lands in the same bucket. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Power of two, so doubling splits each bucket b into b and b + k and old rows are all overwritten. */
export function bucketCountFor(shapeCount: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, Math.ceil(shapeCount / TARGET_BUCKET_SIZE))));
}

export function bucketOf(id: string, bucketCount: number): number {
  return hashId(id) % bucketCount;
}

export function bucketRecord(itemId: string, projectId: string, bucket: number, shapes: Shape[]): ShapeBucketRecord {
  return { itemId, projectId, bucket, shapes, classIds: [...new Set(shapes.map((s) => s.classId))], schemaVersion: recordTypes.shape.currentVersion };
}

/**
 * A bucket row's shapes at the current schema version, through the shape
 * migrator: rows at the current version come back as stored (validated when
 * written: the hot path of 100k-box items), older rows are upgraded shape by
 * shape, a row from a newer Groundwork throws UnreadableRecordError.
 */
export function shapesOfRow(row: ShapeBucketRecord): Shape[] {
  return readStoredBatch(recordTypes.shape, row, row.shapes, `item ${row.itemId}, shape bucket ${row.bucket}`);
}

/** Draw order after a reload: creation time, then id (stable). */
function byCreation(a: Shape, b: Shape): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function shapesOfRows(rows: readonly ShapeBucketRecord[]): Shape[] {
  return rows.flatMap(shapesOfRow).sort(byCreation);
}

/** Where shape rows are read from: the database, or the table of an upgrade transaction. */
type ShapeRowSource = Pick<GroundworkDb, 'shapeBuckets'>;

export async function readItemShapes(db: ShapeRowSource, itemId: string): Promise<{ shapes: Shape[]; bucketCount: number }> {
  const rows = await db.shapeBuckets.where('itemId').equals(itemId).toArray();
  return { shapes: shapesOfRows(rows), bucketCount: rows.length };
}

export async function readProjectShapes(db: ShapeRowSource, projectId: string): Promise<Map<string, Shape[]>> {
  const byItem = new Map<string, ShapeBucketRecord[]>();
  await db.shapeBuckets.where('projectId').equals(projectId).each((row) => {
    const list = byItem.get(row.itemId);
    if (list) list.push(row);
    else byItem.set(row.itemId, [row]);
  });
  return new Map([...byItem].map(([itemId, rows]) => [itemId, shapesOfRows(rows)]));
}

/**
 * Writes `shapes` as the item's full content. `only` limits the write to
 * those buckets (the rest are unchanged); it is ignored when the item
 * outgrew its bucket count. Returns the bucket count now in use.
 */
export async function writeItemShapes(db: GroundworkDb, itemId: string, projectId: string, shapes: readonly Shape[], bucketCount: number, only?: ReadonlySet<number>): Promise<number> {
  const k = Math.max(bucketCount, bucketCountFor(shapes.length));
  const targets = only && k === bucketCount ? only : null;
  const buckets = new Map<number, Shape[]>();
  for (let b = 0; b < k; b++) if (!targets || targets.has(b)) buckets.set(b, []);
  for (const s of shapes) buckets.get(bucketOf(s.id, k))?.push(s);
  await db.shapeBuckets.bulkPut([...buckets].map(([b, list]) => bucketRecord(itemId, projectId, b, list)));
  return k;
}
