import { iou } from '../geometry/box';
import type { Box, Shape } from '../model/shape';

/**
 * Whether a new prediction only repeats a box the item already has: same
 * class and IoU at or above the run's NMS threshold — the overlap at which
 * the model itself treats two boxes as one object. Such a prediction is not
 * proposed again, so a re-run never stacks a second box on an accepted one.
 */
export function repeatsExistingBox(prediction: { classId: string; box: Box }, existing: readonly Shape[], iouThreshold: number): boolean {
  return existing.some((s) => s.classId === prediction.classId && iou(s.box, prediction.box) >= iouThreshold);
}
