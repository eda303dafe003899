import { clampBox, isInside } from '../../geometry/box';
import type { Box } from '../../model/shape';
import { FormatError } from '../formatError';
import type { ImportContext } from '../types';
import { createImageLookup, type ImageLookup } from './imageLookup';
import { round2 } from './numbers';

export type ContextImage = ImportContext['images'][number];

/** Boxes may poke out of the image by this much (rounding in other tools); more is an error. */
export const OUTSIDE_TOLERANCE_PX = 0.5;

export function contextLookup(context: ImportContext): ImageLookup<ContextImage> {
  return createImageLookup(context.images, (i) => i.fileName);
}

/**
 * The project image a file refers to. Candidates are tried in order (e.g. a
 * VOC <path>, then its <filename>); the first that names exactly one image wins.
 */
export function resolveImage(
  lookup: ImageLookup<ContextImage>,
  file: string,
  location: string,
  candidates: (string | undefined)[],
): ContextImage {
  const names = candidates.filter((c): c is string => !!c);
  for (const name of names) {
    const found = lookup.find(name);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new FormatError(file, location, `image "${name}" is ambiguous: it could be ${found.map((f) => `"${f.fileName}"`).join(' or ')}`);
    }
  }
  throw new FormatError(file, location, `unknown image "${names[0] ?? ''}": no image of this project has that name`);
}

/** Rejects a file whose recorded size disagrees with the real image: its boxes would be scaled wrongly. */
export function checkImageSize(file: string, location: string, image: ContextImage, width: number | undefined, height: number | undefined): void {
  if (width === undefined && height === undefined) return;
  if (width !== image.width || height !== image.height) {
    throw new FormatError(
      file,
      location,
      `image "${image.fileName}" is ${image.width}×${image.height} px, but the file says ${width ?? '?'}×${height ?? '?'}`,
    );
  }
}

/** Checks one imported box against its image and returns it clamped and rounded. */
export function importedBox(file: string, location: string, box: Box, image: ContextImage): Box {
  const values = [box.x, box.y, box.w, box.h];
  if (!values.every(Number.isFinite)) throw new FormatError(file, location, 'box coordinates are not numbers');
  if (box.w < 0 || box.h < 0) {
    throw new FormatError(file, location, `negative box size (width ${round2(box.w)}, height ${round2(box.h)})`);
  }
  if (!isInside(box, image.width, image.height, OUTSIDE_TOLERANCE_PX)) {
    const r = (v: number) => round2(v);
    throw new FormatError(
      file,
      location,
      `box (x ${r(box.x)}, y ${r(box.y)}, w ${r(box.w)}, h ${r(box.h)}) lies outside image "${image.fileName}" (${image.width}×${image.height}) by more than ${OUTSIDE_TOLERANCE_PX} px`,
    );
  }
  const c = clampBox(box, image.width, image.height);
  return { x: round2(c.x), y: round2(c.y), w: round2(c.w), h: round2(c.h) };
}

/** Import reads exactly one file of a kind; several or none is the user picking the wrong folder. */
export function singleFile<F extends { path: string }>(files: F[], extensions: string[], preferred: string, what: string): F {
  const matching = files.filter((f) => extensions.some((e) => f.path.toLowerCase().endsWith(e)));
  if (matching.length === 1) return matching[0]!;
  const named = matching.filter((f) => f.path === preferred || f.path.endsWith(`/${preferred}`));
  if (named.length === 1) return named[0]!;
  if (matching.length === 0) throw new FormatError(preferred, '', `missing: no ${extensions.join(' or ')} file with ${what} was given`);
  throw new FormatError(matching[0]!.path, '', `expected one ${what} file, got ${matching.length}: ${matching.map((f) => f.path).join(', ')}`);
}
