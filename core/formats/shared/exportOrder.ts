import { clampBox } from '../../geometry/box';
import type { Box } from '../../model/shape';
import type { DatasetImage, LabelDataset } from '../types';
import { round2 } from './numbers';
import { compareCodeUnits } from './paths';

/** Images by file name: exports are byte-identical for the same labels, imports come back in a stable order. */
export function sortByFileName<T extends { fileName: string }>(images: Iterable<T>): T[] {
  return [...images].sort((a, b) => compareCodeUnits(a.fileName, b.fileName));
}

export function sortedImages(dataset: LabelDataset): DatasetImage[] {
  return sortByFileName(dataset.images);
}

/** 0-based class index by name; a box whose class is not listed is a bug in the caller, not in a file. */
export function classIndexer(dataset: LabelDataset): (className: string) => number {
  const index = new Map(dataset.classes.map((c, i) => [c, i]));
  return (className) => {
    const i = index.get(className);
    if (i === undefined) throw new Error(`box class "${className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    return i;
  };
}

/** The box as written: inside the image and to 1/100 px, with its far corner (x2, y2) for corner-based formats. */
export function exportBox(box: Box, image: DatasetImage): Box & { x2: number; y2: number } {
  const c = clampBox(box, image.width, image.height);
  return { x: round2(c.x), y: round2(c.y), w: round2(c.w), h: round2(c.h), x2: round2(c.x + c.w), y2: round2(c.y + c.h) };
}

/** Two images whose label files would have the same path (a.jpg and a.png) cannot both be exported. */
export function assertUniquePaths(paths: { path: string; image: string }[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    const other = seen.get(p.path);
    if (other !== undefined) throw new Error(`images "${other}" and "${p.image}" would both be written to ${p.path}`);
    seen.set(p.path, p.image);
  }
}
