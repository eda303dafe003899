import { clampBox, isInside } from '../geometry/box';
import type { Box } from '../model/shape';
import type { WarningCollector } from './importWarnings';
import { importedBox, OUTSIDE_TOLERANCE_PX, type ContextImage } from './shared/importChecks';
import { round2 } from './shared/numbers';

/** What a box is checked against: an image, or a video's frame (a VideoDescription fits as it is). */
export type BoxArea = Pick<ContextImage, 'fileName' | 'width' | 'height'>;

/** How messages name an image: `image "a.jpg" (640×480)`. */
export const imageName = (image: BoxArea): string => `image "${image.fileName}" (${image.width}×${image.height})`;

/**
 * What an importer does with a box that does not fit its image or video
 * frame (one policy for both). Other
 * tools let boxes run past the edge (a car leaving the frame, a detector's
 * raw output), so refusing the whole file would lose every good box with it:
 * - inside (within OUTSIDE_TOLERANCE_PX): kept, clamped and rounded;
 * - partly outside: clamped to the image, with a 'box-clamped' warning;
 * - wholly outside (nothing of it left after clamping): skipped, with a
 *   'box-outside' warning, and null is returned.
 * Boxes that are not boxes at all (NaN, negative size) still throw the
 * FormatError importedBox gives them: those are broken files.
 * `name` is how messages call the area: the image by default, a video
 * importer says "the 1920×1080 frame" (video/videoChecks.ts frameName).
 */
export function acceptBox(file: string, location: string, box: Box, image: BoxArea, warnings: WarningCollector, name = imageName(image)): Box | null {
  const checkable = [box.x, box.y, box.w, box.h].every(Number.isFinite) && box.w >= 0 && box.h >= 0;
  if (!checkable || isInside(box, image.width, image.height, OUTSIDE_TOLERANCE_PX)) return importedBox(file, location, box, image);
  const clamped = clampBox(box, image.width, image.height);
  const described = `box (x ${round2(box.x)}, y ${round2(box.y)}, w ${round2(box.w)}, h ${round2(box.h)})`;
  if (clamped.w <= 0 || clamped.h <= 0) {
    warnings.add('box-outside', file, location, `${described} lies wholly outside ${name}; skipped`);
    return null;
  }
  warnings.add('box-clamped', file, location, `${described} runs outside ${name}; clamped to it`);
  return importedBox(file, location, clamped, image);
}
