import type { CanonicalFrameTag } from '../../sync/canonicalVideo';
import { compareText } from '../../sync/canonicalLabels';

/**
 * Frame tags by majority, per class and frame, without touching frames: a
 * sweep over the ranges' ends. A tag is on a frame in the consensus when
 * more than `quorumShare` of ALL `annotatorCount` annotators have it there.
 * Expects each annotator's tags normalized (merged per class).
 */
export function consensusFrameTags(tagsByAnnotator: readonly (readonly CanonicalFrameTag[])[], annotatorCount: number, quorumShare: number): CanonicalFrameTag[] {
  const events = new Map<string, [number, number][]>();
  for (const tags of tagsByAnnotator) {
    for (const t of tags) {
      if (!events.has(t.className)) events.set(t.className, []);
      events.get(t.className)!.push([t.startFrame, 1], [t.endFrame + 1, -1]);
    }
  }
  const out: CanonicalFrameTag[] = [];
  for (const className of [...events.keys()].sort(compareText)) {
    const list = events.get(className)!.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let count = 0;
    let openAt = -1;
    for (let i = 0; i < list.length; ) {
      const frame = list[i]![0];
      while (i < list.length && list[i]![0] === frame) count += list[i++]![1];
      const on = count > quorumShare * annotatorCount;
      if (on && openAt < 0) openAt = frame;
      else if (!on && openAt >= 0) {
        out.push({ className, startFrame: openAt, endFrame: frame - 1 });
        openAt = -1;
      }
    }
  }
  return out;
}

/** Frames two normalized tag lists share, per class. */
function sharedFrames(a: readonly CanonicalFrameTag[], b: readonly CanonicalFrameTag[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  // Both are sorted by class, then start, and ranges of one class do not overlap.
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const byClass = compareText(x.className, y.className);
    if (byClass < 0) i++;
    else if (byClass > 0) j++;
    else {
      shared += Math.max(0, Math.min(x.endFrame, y.endFrame) - Math.max(x.startFrame, y.startFrame) + 1);
      if (x.endFrame < y.endFrame) i++;
      else j++;
    }
  }
  return shared;
}

function taggedFrames(tags: readonly CanonicalFrameTag[]): number {
  return tags.reduce((n, t) => n + t.endFrame - t.startFrame + 1, 0);
}

/** Jaccard index of the (frame, tag) pairs of two normalized tag lists; 1 when both are empty. */
export function frameTagAgreement(a: readonly CanonicalFrameTag[], b: readonly CanonicalFrameTag[]): number {
  const shared = sharedFrames(a, b);
  const union = taggedFrames(a) + taggedFrames(b) - shared;
  return union === 0 ? 1 : shared / union;
}
