import type { ShotSegment } from '../types';

/** Cut before every frame whose scene score exceeds the threshold; frame 0 always starts a segment. */
export function segmentsFromScores(scores: readonly number[], threshold: number): ShotSegment[] {
  if (scores.length === 0) return [];
  const segments: ShotSegment[] = [];
  let start = 0;
  let startScore = 0;
  for (let n = 1; n < scores.length; n++) {
    const score = scores[n]!;
    if (score <= threshold) continue;
    segments.push({ startFrame: start, endFrame: n - 1, score: startScore });
    start = n;
    startScore = score;
  }
  segments.push({ startFrame: start, endFrame: scores.length - 1, score: startScore });
  return segments;
}
