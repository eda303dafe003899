import type { ItemStatus } from '../../core/model/item';
import type { Shape } from '../../core/model/shape';
import type { ShapeChange } from '../document/shapeChange';
import type { GroundworkDb } from './db';
import type { HistoryRecord, ShapeBucketRecord } from './records';
import { BucketIndex } from './bucketIndex';
import type { CounterChange, ItemCounters } from './itemCounters';
import { counterTablesOf, moveItemCounts } from './prelabelCounterRows';
import type { PrelabelRun } from '../../core/prelabel/types';
import type { ItemPrelabelSummary } from '../../core/prelabel/itemTally';
import { deleteHistory, emptyPending, hasVideoWrites, isPendingEmpty, mergeFailedBatch, putHistory, type PendingWrites } from './pendingWrites';
import type { VideoChange, VideoState } from '../document/videoChange';
import { touchedIds, type DocumentDiff } from '../document/documentDiff';
import { diffOfChange } from '../../core/model/editChange';
import { writeVideoRows } from './videoRows';

export interface WriteErrorEvent {
  error: unknown;
  /** 1 for the first failure of this batch, then 2, 3, ... */
  attempt: number;
  /** ms until the next attempt. */
  retryIn: number;
}

/** Backoff between attempts of a failed batch; the last value repeats forever. */
export const RETRY_DELAYS_MS = [50, 200, 1000, 5000];

/**
 * Writes one item's changes to IndexedDB in commit order, one rw transaction
 * per batch (changed shape buckets + history rows + item row + the project's
 * pre-label counters together, so an edit, its undo entry and the statistics
 * are durable at the same instant). A failed batch is reported and retried;
 * everything behind it waits, so nothing is lost or reordered.
 *
 * The writer keeps the item's shapes by bucket (BucketIndex) and its share of
 * the pre-label counters (ItemCounters), both moved by each change's records
 * before and after, so a write touches only the buckets of the changed ids
 * and costs the same at 1,000 or 100,000 shapes.
 */
export class ItemWriter {
  private pending: PendingWrites = emptyPending();
  private draining: Promise<void> | null = null;
  private paused = 0;
  /** Bumped on every change; a batch started at generation g makes everything up to g durable. */
  private generation = 0;
  private durableGeneration = 0;
  private waiters: { generation: number; resolve: () => void }[] = [];
  private readonly durableListeners = new Set<() => void>();
  private readonly errorListeners = new Set<(e: WriteErrorEvent) => void>();

  /** The item's shapes as in memory, by the bucket their row is. */
  private readonly index: BucketIndex;
  /** Set when the layout grew in memory: every bucket is written until a batch commits. */
  private relayoutPending = false;

  constructor(
    private readonly db: GroundworkDb,
    private readonly itemId: string,
    private readonly projectId: string,
    bucketCount: number,
    /** The document's shapes: read once here to index them; every later change arrives through diffChanged. */
    currentShapes: () => readonly Shape[],
    private readonly retryDelays: readonly number[] = RETRY_DELAYS_MS,
    private readonly currentVideo: () => VideoState | null = () => null,
    private readonly counters: ItemCounters | null = null,
  ) {
    this.index = new BucketIndex(currentShapes(), bucketCount);
  }

  /** Records of any type put or removed: their rows are written from memory in the next batch. */
  diffChanged(diff: DocumentDiff): void {
    this.indexShapes(diff.shape?.put ?? [], diff.shape?.remove ?? []);
    const ids = touchedIds(diff);
    for (const id of ids.shape ?? []) this.pending.shapeIds.add(id);
    for (const id of ids.track ?? []) this.pending.trackIds.add(id);
    for (const id of ids.frameTag ?? []) this.pending.frameTagIds.add(id);
    if (ids.shots || ids.sceneScores) this.pending.segments = true;
    this.changed();
  }

  shapesChanged(change: ShapeChange): void {
    this.diffChanged(diffOfChange({ put: change.put, remove: change.remove }));
  }

  videoChanged(change: VideoChange): void {
    this.diffChanged(diffOfChange({ put: [], remove: [], video: change }));
  }

  /** A pre-label run record for this item: stored with the next batch, its counts with it. */
  runAdded(run: PrelabelRun): void {
    this.counters?.addRun(run);
    this.pending.counters = true;
    this.changed();
  }

  /**
   * The store wrote this change to the rows itself (while paused): memory
   * follows without writing it again; `bucketCount` is the layout the rows
   * now use and `counted` what the counters now hold for the item.
   */
  externalApplied(change: ShapeChange, bucketCount?: number, counted?: ItemPrelabelSummary): void {
    this.indexShapes(change.put, change.remove);
    if (bucketCount !== undefined && bucketCount !== this.index.bucketCount) this.index.relayout(bucketCount);
    if (counted) this.counters?.storedAs(counted);
  }

  historyPut(row: HistoryRecord): void {
    putHistory(this.pending, row);
    this.changed();
  }

  historyDelete(seq: number): void {
    deleteHistory(this.pending, seq);
    this.changed();
  }

  statusChanged(status: ItemStatus): void {
    this.pending.status = status;
    this.changed();
  }

  /**
   * Holds writes while the store rewrites this item's rows itself (imports,
   * class remaps): waits for the batch in flight, returns the release
   * function. Commits made meanwhile stay queued and are written after.
   */
  async pause(): Promise<() => void> {
    this.paused++;
    await this.draining;
    return () => {
      this.paused--;
      this.kick();
    };
  }

  /** Batches waiting or in flight (0 when everything is durable). */
  get pendingBatches(): number {
    return (this.draining ? 1 : 0) + (isPendingEmpty(this.pending) ? 0 : 1);
  }

  /** True when every change handed to the writer so far is in IndexedDB. */
  get isDurable(): boolean {
    return this.durableGeneration >= this.generation;
  }

  whenDurable(): Promise<void> {
    if (this.durableGeneration >= this.generation) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ generation: this.generation, resolve }));
  }

  onDurable(listener: () => void): () => void {
    this.durableListeners.add(listener);
    return () => this.durableListeners.delete(listener);
  }

  onError(listener: (e: WriteErrorEvent) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private changed(): void {
    this.generation++;
    this.kick();
  }

  private kick(): void {
    if (this.draining || this.paused > 0 || isPendingEmpty(this.pending)) return;
    // Started from a microtask so the commits of one event handler share a transaction.
    this.draining = new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = null;
        this.kick();
      });
  }

  private async drain(): Promise<void> {
    let attempt = 0;
    while (!isPendingEmpty(this.pending) && this.paused === 0) {
      const batch = this.pending;
      this.pending = emptyPending();
      const generation = this.generation;
      // Captured now, not inside the transaction: the rows must match `generation`.
      const shapes = batch.shapeIds.size > 0 || this.relayoutPending ? this.shapeRows(batch) : null;
      const video = hasVideoWrites(batch) ? this.currentVideo() : null;
      const counted = this.counters?.pending() ?? null;
      try {
        const countersWritten = await this.write(batch, shapes, video, counted);
        // Only a committed transaction changes the layout in use; an aborted one left the old rows.
        if (shapes?.all) this.relayoutPending = false;
        if (counted && countersWritten) this.counters!.written(counted);
        attempt = 0;
        this.markDurable(generation);
      } catch (error) {
        attempt++;
        this.pending = mergeFailedBatch(batch, this.pending);
        const retryIn = this.retryDelays[Math.min(attempt, this.retryDelays.length) - 1] ?? 1000;
        for (const l of this.errorListeners) l({ error, attempt, retryIn });
        await new Promise((r) => setTimeout(r, retryIn));
      }
    }
  }

  /** Moves the index by a change's records; the counters see each shape's before and after. */
  private indexShapes(put: readonly Shape[], remove: readonly string[]): void {
    for (const shape of put) {
      this.counters?.shapeChanged(this.index.get(shape.id), shape);
      this.index.put(shape);
    }
    for (const id of remove) {
      const before = this.index.get(id);
      if (!before) continue;
      this.counters?.shapeChanged(before, undefined);
      this.index.remove(id);
    }
  }

  /** The rows to write: the changed ids' buckets, or every bucket when the item outgrew its layout. */
  private shapeRows(batch: PendingWrites): { rows: ShapeBucketRecord[]; all: boolean; count: number } {
    if (this.index.neededBucketCount !== this.index.bucketCount) {
      this.index.relayout(this.index.neededBucketCount);
      this.relayoutPending = true;
    }
    const all = this.relayoutPending;
    const buckets = all ? undefined : new Set([...batch.shapeIds].map((id) => this.index.bucketOfId(id)));
    return { rows: this.index.rows(this.itemId, this.projectId, buckets), all, count: this.index.size };
  }

  /** Resolves with whether the pre-label counters were written (false: the project's need a recount). */
  private write(
    batch: PendingWrites,
    shapes: { rows: ShapeBucketRecord[]; count: number } | null,
    video: VideoState | null,
    counted: CounterChange | null,
  ): Promise<boolean> {
    const { db, itemId } = this;
    // Video and counter tables join the transaction only when needed, so a plain edit locks no more than it writes.
    const tables = [db.shapeBuckets, db.items, db.history, ...(video ? [db.tracks, db.frameTags, db.segments] : []), ...(counted ? counterTablesOf(db) : [])];
    return db.transaction('rw', tables, async () => {
      const itemPatch: { shapeCount?: number; status?: ItemStatus } = {};
      if (shapes) {
        await db.shapeBuckets.bulkPut(shapes.rows);
        itemPatch.shapeCount = shapes.count;
      }
      if (batch.status) itemPatch.status = batch.status;
      if (Object.keys(itemPatch).length > 0) await db.items.update(itemId, itemPatch);
      if (batch.historyDeletes.size > 0) await db.history.bulkDelete([...batch.historyDeletes].map((seq) => [itemId, seq] as [string, number]));
      if (batch.historyPuts.size > 0) await db.history.bulkPut([...batch.historyPuts.values()]);
      if (video) await writeVideoRows(db, { itemId, projectId: this.projectId }, video, batch);
      return counted ? moveItemCounts(db, this.projectId, itemId, counted) : false;
    });
  }

  private markDurable(generation: number): void {
    this.durableGeneration = Math.max(this.durableGeneration, generation);
    const ready = this.waiters.filter((w) => w.generation <= this.durableGeneration);
    this.waiters = this.waiters.filter((w) => w.generation > this.durableGeneration);
    for (const w of ready) w.resolve();
    for (const l of this.durableListeners) l();
  }
}
