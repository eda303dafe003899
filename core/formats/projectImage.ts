import type { ImageLookup } from './shared/imageLookup';
import { resolveImage, type ContextImage } from './shared/importChecks';
import type { WarningCollector } from './importWarnings';

/**
 * The project image a file's entry names, or undefined when the project has
 * no image of any of those names: then the entry's labels are skipped with an
 * 'unknown-media' warning. Files from other tools often cover more images
 * than this project holds (a whole dataset against a subset), which is not a
 * broken file. A name that fits several images still throws (resolveImage):
 * guessing would put labels on the wrong image.
 */
export function projectImage(
  lookup: ImageLookup<ContextImage>,
  file: string,
  location: string,
  candidates: (string | undefined)[],
  warnings: WarningCollector,
): ContextImage | undefined {
  const names = candidates.filter((c): c is string => !!c);
  if (names.every((name) => lookup.find(name).length === 0)) {
    warnings.add('unknown-media', file, location, `unknown image "${names[0] ?? ''}": no image of this project has that name; its labels were skipped`);
    return undefined;
  }
  return resolveImage(lookup, file, location, names);
}
