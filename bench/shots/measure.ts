import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { detectShots, resolveBinaries, type VideoProbe } from '../../native/video';
import { boundariesOf, kindScore, matchBoundaries, type KindScore, type MatchResult } from '../../native/video/shots/testSupport/boundaryMatch';
import type { BoundaryKind, TrueBoundary } from '../../native/video/shots/testSupport/shotsVideoSpec';

const run = promisify(execFile);

/** Seconds for ffmpeg's scene filter run the usual way (`select='gt(scene,T)',showinfo`), optionally on frames scaled to `scaleWidth`. */
export async function timeSceneFilter(file: string, scaleWidth: number | null, threshold: number): Promise<number> {
  const scale = scaleWidth === null ? '' : `scale=${scaleWidth}:-2,`;
  const started = performance.now();
  await run(resolveBinaries().ffmpeg, ['-v', 'error', '-nostdin', '-i', file, '-an', '-vf', `${scale}select='gt(scene,${threshold})',showinfo`, '-f', 'null', '-'], { maxBuffer: 64 << 20 });
  return (performance.now() - started) / 1000;
}

/** Seconds for our whole detectShots pass (decode, compare, decide), the probe given. */
export async function timeOurs(probe: VideoProbe): Promise<{ seconds: number; boundaries: number[] }> {
  const started = performance.now();
  const result = await detectShots(probe.path, { probe });
  return { seconds: (performance.now() - started) / 1000, boundaries: boundariesOf(result.segments) };
}

/** Counts summed over videos, so precision/recall/F1 are over all boundaries, not a mean of per-video figures. */
export class QualityTally {
  private readonly found: Record<BoundaryKind, number> = { cut: 0, dissolve: 0, fade: 0 };
  private readonly truths: Record<BoundaryKind, number> = { cut: 0, dissolve: 0, fade: 0 };
  falsePositives = 0;

  add(detected: number[], truth: TrueBoundary[]): MatchResult {
    const result = matchBoundaries(detected, truth);
    for (const kind of ['cut', 'dissolve', 'fade'] as const) {
      this.found[kind] += result.perKind[kind].found;
      this.truths[kind] += result.perKind[kind].truths;
    }
    this.falsePositives += result.falsePositives.length;
    return result;
  }

  score(kind: BoundaryKind): KindScore {
    return kindScore(this.found[kind], this.truths[kind], this.falsePositives);
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
