import type { IntakeReport } from '../../common/services/intake';
import { hammingDistance } from '../../../core/geometry/hamming';

/** Perceptual-hash distance at or below which two images count as near duplicates. */
export const NEAR_DUPLICATE_MAX_DISTANCE = 6;

type Accepted = IntakeReport['accepted'][number];

/**
 * Flags each accepted file that repeats an earlier one (in the given order):
 * same bytes → exact; else dHash within the threshold of an earlier
 * original → near. Duplicates point at the original, never at another duplicate.
 */
export function findDuplicates(accepted: Accepted[], maxDistance = NEAR_DUPLICATE_MAX_DISTANCE): IntakeReport['duplicates'] {
  const duplicates: IntakeReport['duplicates'] = [];
  const bySha = new Map<string, string>();
  const originals: Accepted[] = [];
  for (const file of accepted) {
    const exact = bySha.get(file.sha256);
    if (exact !== undefined) {
      duplicates.push({ relPath: file.relPath, duplicateOf: exact, kind: 'exact', distance: 0 });
      continue;
    }
    bySha.set(file.sha256, file.relPath);
    let best: { relPath: string; distance: number } | null = null;
    for (const original of originals) {
      const distance = hammingDistance(file.phash, original.phash);
      if (distance <= maxDistance && (!best || distance < best.distance)) best = { relPath: original.relPath, distance };
    }
    if (best) duplicates.push({ relPath: file.relPath, duplicateOf: best.relPath, kind: 'near', distance: best.distance });
    else originals.push(file);
  }
  return duplicates;
}
