type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `start` over `items` with up to `window` calls in flight and hands the
 * results to `finish` one at a time, in item order. Keeping the next item
 * started while the current one finishes lets the engine decode it during
 * the current inference. Once `signal` aborts, nothing new starts; what is
 * already running is finished (its work is real), then it returns. The first
 * error stops new starts; the calls in flight are awaited, then it throws.
 */
export async function runWindowed<T, R>(
  items: readonly T[],
  window: number,
  signal: AbortSignal,
  start: (item: T) => Promise<R>,
  finish: (item: T, result: R) => Promise<void>,
): Promise<void> {
  const inflight: { item: T; settled: Promise<Settled<R>> }[] = [];
  let next = 0;
  let failure: { error: unknown } | null = null;
  const fill = () => {
    while (!failure && !signal.aborted && next < items.length && inflight.length < window) {
      const item = items[next++]!;
      const settled = start(item).then(
        (value): Settled<R> => ({ ok: true, value }),
        (error: unknown): Settled<R> => ({ ok: false, error }),
      );
      inflight.push({ item, settled });
    }
  };
  fill();
  while (inflight.length > 0) {
    const { item, settled } = inflight.shift()!;
    const outcome = await settled;
    if (failure) continue;
    if (!outcome.ok) {
      failure = { error: outcome.error };
      continue;
    }
    try {
      await finish(item, outcome.value);
    } catch (error) {
      failure = { error };
      continue;
    }
    fill();
  }
  if (failure) throw failure.error;
}
