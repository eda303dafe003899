import type { ShapeChange } from '../types';
import { isEmptyVideoChange } from './videoChange';

export { applyChange, byId, invertChange, restampChange, type RecordChange } from './recordChange';

export function isEmptyChange(change: ShapeChange): boolean {
  return change.put.length === 0 && change.remove.length === 0 && isEmptyVideoChange(change.video);
}
