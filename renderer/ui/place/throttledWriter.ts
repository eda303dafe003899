/**
 * Keeps only the newest value and writes it at most once per `intervalMs`
 * (wheel zoom and playback change the place dozens of times a second; the
 * settings row only needs the last one). `flush` writes a pending value now:
 * call it when the place stops being current (item switch, unmount).
 */
export interface ThrottledWriter<T> {
  schedule(value: T): void;
  flush(): void;
  /** Drops a pending value without writing it. */
  cancel(): void;
}

export function throttledWriter<T>(intervalMs: number, write: (value: T) => void): ThrottledWriter<T> {
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const next = pending;
    pending = null;
    if (next) write(next.value);
  };
  return {
    schedule(value) {
      pending = { value };
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
