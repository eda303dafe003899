/** Timeline x (0..width) ↔ frame (0..frameCount-1). */
export function frameAtX(x: number, width: number, frameCount: number): number {
  if (width <= 0 || frameCount <= 1) return 0;
  return Math.max(0, Math.min(frameCount - 1, Math.round((x / width) * (frameCount - 1))));
}

/** Left edge of a frame as a percentage of the timeline (the last frame sits at 100 %). */
export function framePercent(frame: number, frameCount: number): number {
  return frameCount <= 1 ? 0 : (frame / (frameCount - 1)) * 100;
}

/** Width of an inclusive frame range as a percentage, at least one frame wide. */
export function rangePercent(start: number, end: number, frameCount: number): number {
  return frameCount <= 1 ? 100 : (Math.max(1, end - start + 1) / frameCount) * 100;
}
