import type { RecordChange } from '../../core/model/documentDiff';

/**
 * One record type's rows, by id, in draw order (a Map keeps insertion order:
 * putting an existing id replaces it in place, a new id appends, a remove
 * drops it). A change costs what it touches: no copy of the other rows. The
 * `rows` array is made on demand and kept until the next change, so a
 * reader that never asks for all rows (the editor's index, the store's
 * writer) never pays for them.
 */
export class RecordTable<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private rowsCache: readonly T[] | null;

  constructor(rows: readonly T[] = []) {
    for (const r of rows) this.byId.set(r.id, r);
    this.rowsCache = this.byId.size === rows.length ? rows : null;
  }

  /** Every row in draw order; identity changes on every change of the table (built on first read after one). */
  get rows(): readonly T[] {
    return (this.rowsCache ??= [...this.byId.values()]);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }

  /** Applies one change (a remove wins over a put of the same id); false when it touched nothing. */
  apply(change: RecordChange<T>): boolean {
    if (change.put.length === 0 && change.remove.length === 0) return false;
    const removed = change.remove.length > 0 ? new Set(change.remove) : null;
    for (const r of change.put) if (!removed?.has(r.id)) this.byId.set(r.id, r);
    if (removed) for (const id of removed) this.byId.delete(id);
    this.rowsCache = null;
    return true;
  }
}
