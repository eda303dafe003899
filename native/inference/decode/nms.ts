import { iou } from '../../../core/geometry/box';
import type { Box } from '../../../core/model/shape';

export interface Candidate {
  box: Box;
  score: number;
  classIndex: number;
}

/**
 * Class-wise greedy non-maximum suppression: a box is dropped when a
 * higher-scoring box of the same class overlaps it by more than `iouThreshold`.
 * Boxes of different classes never suppress each other.
 */
export function nonMaxSuppression<T extends Candidate>(candidates: T[], iouThreshold: number, maxDetections = 300): T[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const keptByClass = new Map<number, T[]>();
  const kept: T[] = [];
  for (const candidate of sorted) {
    const sameClass = keptByClass.get(candidate.classIndex) ?? [];
    if (sameClass.some((k) => iou(k.box, candidate.box) > iouThreshold)) continue;
    sameClass.push(candidate);
    keptByClass.set(candidate.classIndex, sameClass);
    kept.push(candidate);
    if (kept.length >= maxDetections) break;
  }
  return kept;
}
