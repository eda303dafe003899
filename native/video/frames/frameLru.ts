/** Bookkeeping per entry on top of its bytes (Map slot, object, key string). */
const ENTRY_OVERHEAD = 128;

/**
 * Least-recently-used map capped by total bytes, not entry count: frames of
 * different videos and sizes share one memory budget. A Map keeps insertion
 * order, so re-inserting on access makes its first key the oldest.
 */
export class ByteLru<V extends { bytes: Uint8Array }> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(private readonly capBytes: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: V): void {
    this.delete(key);
    const size = sizeOf(value);
    if (size > this.capBytes) return; // would evict everything and still not fit
    this.entries.set(key, value);
    this.total += size;
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.capBytes) break;
      this.entries.delete(oldest);
      this.total -= sizeOf(old);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.total -= sizeOf(old);
  }

  deleteWhere(predicate: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (predicate(key)) this.delete(key);
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

function sizeOf(value: { bytes: Uint8Array }): number {
  return value.bytes.byteLength + ENTRY_OVERHEAD;
}
