/** "~8 s left", "~3 min left", "~1 h 5 min left": rounded the way a person reads a progress bar. */
export function formatRemaining(seconds: number): string {
  if (seconds < 60) return `~${Math.max(1, Math.ceil(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `~${minutes} min left`;
  const rest = minutes % 60;
  return `~${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''} left`;
}

/**
 * Progress text with count and ETA ("12/50 · ~8 s left", "12/50 · 1 failed ·
 * ~8 s left"). The rate is measured over the items done since this run
 * started, so a resumed job does not count the items of an earlier run as
 * instant.
 */
export function createEta(total: number, doneAtStart: number, now: () => number = Date.now) {
  const startedAt = now();
  return (done: number, failed: number): string => {
    const parts = [`${done}/${total}`];
    if (failed > 0) parts.push(`${failed} failed`);
    const doneThisRun = done - doneAtStart;
    const elapsed = (now() - startedAt) / 1000;
    if (doneThisRun > 0 && done < total && elapsed > 0) parts.push(formatRemaining(((total - done) * elapsed) / doneThisRun));
    return parts.join(' · ');
  };
}
