import type { Box } from '../../core/model/shape';

/** Change of x, y, w, h per frame. */
export type BoxVelocity = Box;

export const STILL: BoxVelocity = { x: 0, y: 0, w: 0, h: 0 };

/** Constant-velocity estimate from the last two observations of a track. */
export function velocityBetween(a: Box, aFrame: number, b: Box, bFrame: number): BoxVelocity {
  const dt = bFrame - aFrame;
  if (dt <= 0) return STILL;
  return { x: (b.x - a.x) / dt, y: (b.y - a.y) / dt, w: (b.w - a.w) / dt, h: (b.h - a.h) / dt };
}

/** Where a box seen on `fromFrame` should be on `toFrame` if it keeps moving as it did; size never below 0. */
export function predictBox(box: Box, velocity: BoxVelocity, fromFrame: number, toFrame: number): Box {
  const dt = toFrame - fromFrame;
  return {
    x: box.x + velocity.x * dt,
    y: box.y + velocity.y * dt,
    w: Math.max(0, box.w + velocity.w * dt),
    h: Math.max(0, box.h + velocity.h * dt),
  };
}
