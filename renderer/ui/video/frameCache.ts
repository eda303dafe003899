/**
 * A small LRU of decoded frames in the renderer, in front of the host's own
 * cache: stepping back and forth and playback re-use what was just shown.
 * `dispose` runs for evicted values (object URLs are revoked there).
 */
export class FrameCache<V> {
  private readonly entries = new Map<number, V>();

  constructor(
    private readonly capacity: number,
    private readonly dispose: (value: V) => void = () => undefined,
  ) {
    if (!(capacity >= 1)) throw new Error(`frame cache capacity must be at least 1, got ${capacity}`);
  }

  get(frame: number): V | undefined {
    const v = this.entries.get(frame);
    if (v !== undefined) {
      this.entries.delete(frame);
      this.entries.set(frame, v);
    }
    return v;
  }

  has(frame: number): boolean {
    return this.entries.has(frame);
  }

  set(frame: number, value: V): void {
    const old = this.entries.get(frame);
    if (old !== undefined && old !== value) this.dispose(old);
    this.entries.delete(frame);
    this.entries.set(frame, value);
    while (this.entries.size > this.capacity) {
      const [oldest, v] = this.entries.entries().next().value as [number, V];
      this.entries.delete(oldest);
      this.dispose(v);
    }
  }

  clear(): void {
    for (const v of this.entries.values()) this.dispose(v);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
