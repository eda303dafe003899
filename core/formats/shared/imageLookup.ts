import { basename, normalizePath } from './paths';

/**
 * Finds images by the name a file uses for them: the exact relative path
 * first, then the bare file name when only one image has it (tools write
 * absolute or differently rooted paths).
 */
export interface ImageLookup<T> {
  /** Every image the name could mean: one is a match, none is unknown, several is ambiguous. */
  find(name: string): T[];
}

export function createImageLookup<T>(images: readonly T[], nameOf: (image: T) => string): ImageLookup<T> {
  const byPath = groupBy(images, (i) => normalizePath(nameOf(i)));
  const byBase = groupBy(images, (i) => basename(nameOf(i)));
  return {
    find(name) {
      const exact = byPath.get(normalizePath(name));
      if (exact) return exact;
      return byBase.get(basename(name)) ?? [];
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
