/**
 * Progress of a key derivation, estimated from time: crypto.scrypt reports
 * nothing until it is done, so the bar advances by elapsed time over the
 * expected time (learned from the previous derivation on this machine,
 * scaled by the keystore's cost), holds at 95 % if it runs long, and reports
 * 100 when the key is there.
 */
export interface KdfProgress {
  /** Runs `work`, calling `report(percent)` every `intervalMs` and once with 100 at the end. */
  track<T>(cost: number, report: (percent: number) => void, work: () => Promise<T>): Promise<T>;
}

/** First guess before anything was measured: ~1.5 s for the standard N = 2^17, r = 8 scrypt. */
const INITIAL_MS_PER_COST = 1500 / ((1 << 17) * 8);

export function createKdfProgress(intervalMs = 100): KdfProgress {
  let msPerCost = INITIAL_MS_PER_COST;
  return {
    async track(cost, report, work) {
      const started = performance.now();
      const expected = Math.max(1, cost * msPerCost);
      report(0);
      const timer = setInterval(() => report(Math.min(95, Math.round((100 * (performance.now() - started)) / expected))), intervalMs);
      try {
        const result = await work();
        const took = performance.now() - started;
        if (cost > 0) msPerCost = took / cost;
        report(100);
        return result;
      } finally {
        clearInterval(timer);
      }
    },
  };
}
