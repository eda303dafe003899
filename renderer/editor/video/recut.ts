import type { Segment } from '../../../core/model/track';

/**
 * Shot segments from the per-frame scene scores of the shots pass at a new
 * threshold (a cut before every frame scoring above it, like ffmpeg's
 * `gt(scene, t)`), so moving the slider needs no second pass. A new segment
 * keeps the tags of the old segment its first frame was in.
 */
export function segmentsAtThreshold(scores: readonly number[], threshold: number, previous: readonly Segment[] = []): Segment[] {
  const frameCount = scores.length;
  if (frameCount === 0) return [];
  const starts = [0];
  for (let f = 1; f < frameCount; f++) if ((scores[f] ?? 0) > threshold) starts.push(f);
  return starts.map((start, i) => ({
    startFrame: start,
    endFrame: (starts[i + 1] ?? frameCount) - 1,
    score: start === 0 ? 0 : (scores[start] ?? 0),
    tags: [...(previous.find((p) => start >= p.startFrame && start <= p.endFrame)?.tags ?? [])],
  }));
}
