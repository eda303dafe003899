import type { ItemStatus } from '../../core/model/item';
import type { Shape } from '../../core/model/shape';
import type { ShapeChange } from '../document/shapeChange';
import type { GroundworkDb } from './db';
import type { HistoryRecord } from './records';
import { bucketOf, writeItemShapes } from './shapeRows';
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
 * per batch (changed shape buckets + history rows + item row together, so an
 * edit and its undo entry are durable at the same instant). A failed batch is
 * reported and retried; everything behind it waits, so nothing is lost or
 * reordered.
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

  constructor(
    private readonly db: GroundworkDb,
    private readonly itemId: string,
    private readonly projectId: string,
    private bucketCount: number,
    private readonly currentShapes: () => readonly Shape[],
    private readonly retryDelays: readonly number[] = RETRY_DELAYS_MS,
    private readonly currentVideo: () => VideoState | null = () => null,
  ) {}

  /** Records of any type put or removed: their rows are written from memory in the next batch. */
  diffChanged(diff: DocumentDiff): void {
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
  async pause(): Promise<(bucketCount?: number) => void> {
    this.paused++;
    await this.draining;
    return (bucketCount) => {
      if (bucketCount !== undefined) this.bucketCount = bucketCount;
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
      const shapes = batch.shapeIds.size > 0 ? [...this.currentShapes()] : null;
      const video = hasVideoWrites(batch) ? this.currentVideo() : null;
      try {
        // Only a committed transaction changes the layout in use; an aborted one left the old rows.
        this.bucketCount = await this.write(batch, shapes, video);
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

  /** Resolves with the bucket count the rows now use. */
  private write(batch: PendingWrites, shapes: Shape[] | null, video: VideoState | null): Promise<number> {
    const { db, itemId } = this;
    // Video tables join the transaction only when needed, so image items work on databases opened without them.
    const tables = video ? [db.shapeBuckets, db.items, db.history, db.tracks, db.frameTags, db.segments] : [db.shapeBuckets, db.items, db.history];
    return db.transaction('rw', tables, async () => {
      const itemPatch: { shapeCount?: number; status?: ItemStatus } = {};
      let bucketCount = this.bucketCount;
      if (shapes) {
        const buckets = new Set([...batch.shapeIds].map((id) => bucketOf(id, this.bucketCount)));
        bucketCount = await writeItemShapes(db, itemId, this.projectId, shapes, this.bucketCount, buckets);
        itemPatch.shapeCount = shapes.length;
      }
      if (batch.status) itemPatch.status = batch.status;
      if (Object.keys(itemPatch).length > 0) await db.items.update(itemId, itemPatch);
      if (batch.historyDeletes.size > 0) await db.history.bulkDelete([...batch.historyDeletes].map((seq) => [itemId, seq] as [string, number]));
      if (batch.historyPuts.size > 0) await db.history.bulkPut([...batch.historyPuts.values()]);
      if (video) await writeVideoRows(db, { itemId, projectId: this.projectId }, video, batch);
      return bucketCount;
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
