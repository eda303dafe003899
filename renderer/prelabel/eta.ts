/**
 * Time left for a job from the progress seen in THIS session: a resumed job
 * starts with items already done, which must not count as speed.
 */
export interface ProgressSample {
  at: number;
  done: number;
}

export function remainingMs(first: ProgressSample, latest: ProgressSample, total: number): number | null {
  const items = latest.done - first.done;
  const elapsed = latest.at - first.at;
  if (items <= 0 || elapsed <= 0) return null;
  return Math.max(0, ((total - latest.done) * elapsed) / items);
}

/** '45 s', '3 min', '1 h 20 min'. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
