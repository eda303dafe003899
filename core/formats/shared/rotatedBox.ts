import type { WarningCollector } from '../importWarnings';

/**
 * True (and counted as 'unsupported-shape') when a box is rotated: CVAT
 * (XML, COCO and Datumaro attributes) and Label Studio write `rotation` in
 * degrees on rotated boxes, and drawing one upright would label the wrong
 * pixels, so it is skipped like other shapes. A whole turn is upright.
 */
export function skippedRotated(file: string, location: string, rotation: unknown, warnings: WarningCollector): boolean {
  const degrees = typeof rotation === 'string' ? Number(rotation) : rotation;
  if (typeof degrees !== 'number' || !Number.isFinite(degrees) || degrees % 360 === 0) return false;
  warnings.add('unsupported-shape', file, location, `a box rotated by ${degrees}° cannot be held upright: skipped`);
  return true;
}
