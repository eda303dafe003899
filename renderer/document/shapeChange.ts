import { diffOfChange } from '../../core/model/editChange';
import { isEmptyDiff } from '../../core/model/documentDiff';

/**
 * One step as the editor proposes it: shapes put or removed, and for video
 * items the video part of the same step. The history converts it to a
 * DocumentDiff over all record types (core/model/editChange.ts).
 */
export type { ShapeChange } from '../../core/model/editChange';
import type { ShapeChange } from '../../core/model/editChange';

export function isEmptyChange(change: ShapeChange): boolean {
  return isEmptyDiff(diffOfChange(change));
}
