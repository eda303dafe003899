/**
 * The `-ss` value (seconds from the file's start time) that makes ffmpeg's
 * first output frame exactly frame n: the midpoint between frame n−1 and n.
 * Seeking to n's own pts is exact too, but a hair late (rounding) gives n+1;
 * the midpoint is immune to rounding and works for VFR.
 */
export function seekTimeFor(frameTimes: readonly number[], n: number): number {
  const here = frameTimes[n]!;
  if (n > 0) return (frameTimes[n - 1]! + here) / 2;
  const next = frameTimes[1];
  const halfStep = next === undefined ? 1 / 60 : (next - here) / 2;
  return Math.max(0, here - halfStep);
}

/** The frame whose time is nearest to `seconds`, or -1 when none is within half a frame gap. */
export function frameAtTime(frameTimes: readonly number[], seconds: number): number {
  let lo = 0;
  let hi = frameTimes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frameTimes[mid]! < seconds) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [lo - 1, lo].filter((i) => i >= 0 && i < frameTimes.length);
  let best = -1;
  let bestDistance = Infinity;
  for (const i of candidates) {
    const d = Math.abs(frameTimes[i]! - seconds);
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  if (best < 0) return -1;
  const gapBefore = best > 0 ? frameTimes[best]! - frameTimes[best - 1]! : Infinity;
  const gapAfter = best < frameTimes.length - 1 ? frameTimes[best + 1]! - frameTimes[best]! : Infinity;
  const tolerance = Math.min(gapBefore, gapAfter, 1) / 2;
  return bestDistance <= tolerance ? best : -1;
}
