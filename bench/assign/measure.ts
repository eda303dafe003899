/** Runs `jobs` with `concurrency` in flight; returns each one's wall time in ms (from its own start). */
export async function runConcurrently(jobs: (() => Promise<unknown>)[], concurrency: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const t0 = performance.now();
      await job();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(label: string, r: { latencies: number[]; seconds: number }): string {
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(r.latencies, p).toFixed(1));
  return `${label}: ${r.latencies.length} requests, p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, ${(r.latencies.length / r.seconds).toFixed(0)} requests/s`;
}

/**
 * Open loop: starts job i at i / ratePerSecond seconds whether or not the
 * earlier ones finished (as independent annotators do), so a latency is
 * the request's own time plus whatever queueing that rate causes — unlike
 * runConcurrently, whose closed loop always keeps the server saturated.
 */
export async function runAtRate(jobs: (() => Promise<unknown>)[], ratePerSecond: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    jobs.map(async (job, i) => {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      await job();
      latencies.push(performance.now() - t0);
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}
