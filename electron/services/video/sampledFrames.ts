/** The frames a detector runs on: every k-th frame from `start` up to and including `end`. */
export function sampledFrames(start: number, end: number, everyK: number): number[] {
  const frames: number[] = [];
  for (let n = start; n <= end; n += everyK) frames.push(n);
  return frames;
}
