import type { Shape } from '../../core/model/shape';
import type { ShapeBucketRecord } from './records';
import { bucketCountFor, bucketOf, bucketRecord } from './shapeRows';

/**
 * An open item's shapes by bucket (the layout of shapeRows.ts), kept in
 * memory from each change, so a write rebuilds only the buckets of the ids
 * it changed: per-edit work is the size of the edit and of its buckets, not
 * of the item. Bucket numbers are the ones the rows use; `bucketCount` is 0
 * before the item has rows.
 */
export class BucketIndex {
  private buckets: Map<string, Shape>[] = [];
  /** Shapes of an item without rows yet, until its first write lays them out. */
  private loose = new Map<string, Shape>();
  private count = 0;

  constructor(shapes: Iterable<Shape>, bucketCount: number) {
    this.relayout(bucketCount, shapes);
  }

  get bucketCount(): number {
    return this.buckets.length;
  }

  get size(): number {
    return this.count;
  }

  get(id: string): Shape | undefined {
    return this.buckets.length === 0 ? this.loose.get(id) : this.buckets[bucketOf(id, this.buckets.length)]!.get(id);
  }

  put(shape: Shape): void {
    const bucket = this.bucketFor(shape.id);
    if (!bucket.has(shape.id)) this.count++;
    bucket.set(shape.id, shape);
  }

  remove(id: string): void {
    if (this.bucketFor(id).delete(id)) this.count--;
  }

  /** The bucket count the shapes need (grows by doubling, never shrinks, like shapeRows.ts). */
  get neededBucketCount(): number {
    return Math.max(this.buckets.length, bucketCountFor(this.count));
  }

  /** Re-sorts every shape into `bucketCount` buckets (the item outgrew its layout, or the store rewrote it). */
  relayout(bucketCount: number, shapes: Iterable<Shape> = this.all()): void {
    const list = [...shapes];
    this.loose = new Map();
    this.buckets = Array.from({ length: bucketCount }, () => new Map<string, Shape>());
    this.count = 0;
    for (const s of list) this.put(s);
  }

  bucketOfId(id: string): number {
    return bucketOf(id, this.buckets.length);
  }

  /** The rows of the given buckets as they are now (all buckets when `only` is absent). */
  rows(itemId: string, projectId: string, only?: ReadonlySet<number>): ShapeBucketRecord[] {
    const numbers = only ? [...only] : this.buckets.map((_, b) => b);
    return numbers.map((b) => bucketRecord(itemId, projectId, b, [...this.buckets[b]!.values()]));
  }

  private bucketFor(id: string): Map<string, Shape> {
    return this.buckets.length === 0 ? this.loose : this.buckets[bucketOf(id, this.buckets.length)]!;
  }

  private *all(): Iterable<Shape> {
    yield* this.loose.values();
    for (const b of this.buckets) yield* b.values();
  }
}
