import type { TextDetection } from './types';

/**
 * Sorts text boxes top-to-bottom, then left-to-right within a line, as
 * PaddleOCR's sorted_boxes does: sort by the top-left corner, then let a box
 * move ahead of its predecessor when both sit on the same line and it is
 * further left. PaddleOCR calls two boxes one line when their tops are within
 * 10 px; half the smaller box height is used here instead, so the rule holds
 * at any image scale.
 */
export function readingOrder(boxes: readonly TextDetection[]): TextDetection[] {
  const sorted = [...boxes].sort((a, b) => a.quad[0][1] - b.quad[0][1] || a.quad[0][0] - b.quad[0][0]);
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0; j--) {
      const prev = sorted[j - 1]!;
      const cur = sorted[j]!;
      if (sameLine(prev, cur) && cur.quad[0][0] < prev.quad[0][0]) {
        sorted[j - 1] = cur;
        sorted[j] = prev;
      } else break;
    }
  }
  return sorted;
}

function sameLine(a: TextDetection, b: TextDetection): boolean {
  return Math.abs(a.quad[0][1] - b.quad[0][1]) < Math.min(a.box.h, b.box.h) / 2;
}
