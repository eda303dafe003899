import type { Box } from '../model/shape';
import type { TrackKeyframe } from '../model/track';

export const box = (x: number, y: number, w = 10, h = 10): Box => ({ x, y, w, h });

export function kf(frame: number, b: Box, outside = false): TrackKeyframe {
  return { frame, box: b, outside, source: 'human' };
}
