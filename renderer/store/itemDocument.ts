import type { Shape } from '../../core/model/shape';
import { ShapeSchema } from '../../core/model/shape';
import type { ShapeChange } from '../document/shapeChange';
import { diffOfChange } from '../../core/model/editChange';
import type { ShapeCommitter } from '../document/shapeCommitter';
import type { HistoryEntry } from '../document/undoStack';
import type { DocumentDiff } from '../document/documentDiff';
import { historyRow } from './historyRows';
import { ShapeHistory } from '../document/shapeHistory';
import type { GroundworkDb } from './db';
import { describeIssues, StoreError } from './errors';
import type { HistoryRecord, ItemRecord } from './records';
import { ItemWriter, type WriteErrorEvent } from './itemWriter';
import type { VideoState } from '../document/videoChange';
import { validateVideoChange } from './videoValidation';
import type { ExternalChange } from './externalChange';
import { ItemCounters } from './itemCounters';
import { EMPTY_ITEM_SUMMARY, type ItemPrelabelSummary } from '../../core/prelabel/itemTally';
import type { PrelabelRun } from '../../core/prelabel/types';

export interface ItemDocumentOptions {
  now?: () => number;
  retryDelays?: readonly number[];
  /** Told when the item row changes (status on first edit, shape count) so item lists can refresh. */
  onItemChanged?: (item: ItemRecord) => void;
  onClosed?: () => void;
}

/**
 * The open item: its shapes in memory (the canvas reads them synchronously)
 * and its persisted undo history. Every change is applied in memory at once
 * and queued to IndexedDB through an ItemWriter.
 */
export class ItemDocument implements ShapeCommitter {
  private readonly doc: ShapeHistory;
  private record: ItemRecord;
  private readonly writer: ItemWriter;
  private readonly listeners = new Set<(applied?: DocumentDiff) => void>();
  private readonly now: () => number;
  private closed = false;
  private closingPromise: Promise<void> | null = null;
  private notifiedRecord: ItemRecord;

  private readonly counters: ItemCounters;

  constructor(
    db: GroundworkDb,
    item: ItemRecord,
    stored: { shapes: Shape[]; bucketCount: number },
    history: readonly HistoryEntry[],
    private readonly options: ItemDocumentOptions = {},
    video?: VideoState,
    /** The item's pre-label runs and what the project's counters hold for it (absent: none). */
    prelabel: { runs: readonly PrelabelRun[]; counted: ItemPrelabelSummary } = { runs: [], counted: EMPTY_ITEM_SUMMARY },
  ) {
    this.record = item;
    this.notifiedRecord = item;
    this.doc = new ShapeHistory(stored.shapes, history, video);
    this.now = options.now ?? Date.now;
    this.counters = new ItemCounters(prelabel.runs, stored.shapes, prelabel.counted);
    this.writer = new ItemWriter(db, item.id, item.projectId, stored.bucketCount, () => this.doc.shapes, options.retryDelays, () => this.doc.video, this.counters);
  }

  get item(): ItemRecord {
    return this.record;
  }

  getShapes(): readonly Shape[] {
    return this.doc.shapes;
  }

  /** Video items: tracks, frame tags and segments (empty for images); identity changes when they change. */
  getVideo(): VideoState {
    return this.doc.video;
  }

  /** Listeners get the diff each change applied (the editor updates its index for just those records; an empty diff: no record changed). */
  subscribe(listener: (applied?: DocumentDiff) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commit(change: ShapeChange, options: { history: boolean; label: string }): void {
    this.assertOpen();
    this.validate(change);
    const done = this.doc.commit(change, options.history ? { label: options.label, at: this.now() } : null);
    if (!done) return;
    this.writer.diffChanged(done.diff);
    for (const d of done.dropped) this.writer.historyDelete(d.seq);
    if (done.entry) {
      this.writer.historyPut(this.historyRow(done.entry));
      if (this.record.status === 'new') {
        this.record = { ...this.record, status: 'in_progress' };
        this.writer.statusChanged('in_progress');
      }
    }
    this.changed(done.diff);
  }

  undo(): void {
    this.assertOpen();
    this.persistReplay(this.doc.undo(this.now()));
  }

  redo(): void {
    this.assertOpen();
    this.persistReplay(this.doc.redo(this.now()));
  }

  canUndo(): boolean {
    return this.doc.canUndo();
  }

  canRedo(): boolean {
    return this.doc.canRedo();
  }

  /** Resolves once everything committed so far is in IndexedDB. */
  whenDurable(): Promise<void> {
    return this.writer.whenDurable();
  }

  /** Fires after each transaction that made changes durable. */
  onDurable(listener: () => void): () => void {
    return this.writer.onDurable(listener);
  }

  /** Fires when a write fails; it is retried automatically. */
  onWriteError(listener: (e: WriteErrorEvent) => void): () => void {
    return this.writer.onError(listener);
  }

  /** Edits made that are not yet in IndexedDB (the save indicator shows this). */
  get hasUnsavedChanges(): boolean {
    return !this.writer.isDurable;
  }

  get pendingWrites(): number {
    return this.writer.pendingBatches;
  }

  /** For the store: hold this item's writes while it rewrites the item's rows itself. */
  pauseWrites(): Promise<() => void> {
    return this.writer.pause();
  }

  /** Changes the store already wrote (imports, schema remaps, recounts), applied while writes are paused: memory only, never in the undo stack. */
  applyExternal(external: ExternalChange): void {
    this.writer.externalApplied(external.change, external.bucketCount, external.counted);
    if (this.doc.applyExternal(external.change)) this.changed(diffOfChange(external.change));
  }

  /**
   * A pre-label run record of this item (core/prelabel/types.ts), stored in
   * the same transaction as the changes committed with it, so a run record
   * always means its shapes exist and the statistics count both at once.
   */
  recordRun(run: PrelabelRun): void {
    this.assertOpen();
    if (run.itemId !== this.record.id) throw new StoreError(`recordRun: run ${run.runId} is for item ${run.itemId}, not the open item ${this.record.id}`);
    this.writer.runAdded(run);
  }

  /** The pre-label counts of this item: as the stored counters hold them, and as its shapes give them now (unsaved edits included). */
  prelabelCounts(): { stored: ItemPrelabelSummary; current: ItemPrelabelSummary } {
    return { stored: this.counters.stored, current: this.counters.current() };
  }

  /** Item row changes made by the store (status set from the item list). */
  setItemRecord(item: ItemRecord): void {
    this.record = item;
    this.notify();
  }

  /** Waits until every edit is durable, then releases the document; commits after close() starts are refused. */
  close(): Promise<void> {
    this.closingPromise ??= (async () => {
      this.closed = true;
      await this.whenDurable();
      this.listeners.clear();
      this.options.onClosed?.();
    })();
    return this.closingPromise;
  }

  /** Set once close() has been called; resolves when the document is released. */
  get closing(): Promise<void> | null {
    return this.closingPromise;
  }

  private persistReplay(replayed: { entry: HistoryEntry; diff: DocumentDiff } | null): void {
    if (!replayed) return;
    this.writer.diffChanged(replayed.diff);
    this.writer.historyPut(this.historyRow(replayed.entry));
    this.changed(replayed.diff);
  }

  private changed(applied: DocumentDiff): void {
    const before = this.notifiedRecord;
    const count = this.doc.shapeCount;
    if (count !== this.record.shapeCount) this.record = { ...this.record, shapeCount: count };
    // Item lists only care about status and counts; don't wake them on every move.
    if (before.shapeCount !== this.record.shapeCount || before.status !== this.record.status) {
      this.notifiedRecord = this.record;
      // Item lists re-read IndexedDB when told; tell them once the row is written, or they read the old count.
      const record = this.record;
      void this.writer.whenDurable().then(() => this.options.onItemChanged?.(record));
    }
    this.notify(applied);
  }

  private notify(applied: DocumentDiff = {}): void {
    for (const l of this.listeners) l(applied);
  }

  private historyRow(entry: HistoryEntry): HistoryRecord {
    return historyRow(entry, this.record);
  }

  private validate(change: ShapeChange): void {
    change.put.forEach((shape, i) => {
      const parsed = ShapeSchema.safeParse(shape);
      if (!parsed.success) throw new StoreError(describeIssues(`commit: put[${i}] (shape ${shape?.id ?? '?'}) is invalid`, parsed.error.issues));
      if (shape.itemId !== this.record.id || shape.projectId !== this.record.projectId) {
        throw new StoreError(`commit: put[${i}] (shape ${shape.id}) belongs to item ${shape.itemId}, not the open item ${this.record.id}`);
      }
    });
    if (change.video) validateVideoChange(change.video, this.record);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`item ${this.record.id}: the document is closed`);
  }
}
