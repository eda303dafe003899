import { expect } from 'vitest';
import { FormatError } from './formatError';
import type { ImportContext, LabelDataset } from './types';

/**
 * Test data shared by the format tests: fractional coordinates, three classes
 * (first used in class order, so formats without a class list read them back
 * in the same order), a sub-folder, a full-image box and an image with no boxes.
 */
export function sampleDataset(): LabelDataset {
  return {
    classes: ['cat', 'dog', 'person'],
    images: [
      {
        fileName: 'a/img1.jpg',
        width: 640,
        height: 480,
        boxes: [
          { className: 'cat', box: { x: 10.25, y: 20.5, w: 100.75, h: 50.33 }, attributes: { color: 'black', occluded: true, count: 2 } },
          { className: 'dog', box: { x: 300.1, y: 200.2, w: 80.8, h: 120.45 }, score: 0.87 },
        ],
      },
      {
        fileName: 'b.png',
        width: 1024,
        height: 768,
        boxes: [
          { className: 'person', box: { x: 0, y: 0, w: 1024, h: 768 } },
          { className: 'cat', box: { x: 512.5, y: 384.25, w: 33.33, h: 44.44 }, attributes: { color: 'ginger', occluded: false, count: 1.5 } },
        ],
      },
      { fileName: 'empty.jpg', width: 320, height: 240, boxes: [] },
    ],
  };
}

export function contextOf(dataset: LabelDataset): ImportContext {
  return { images: dataset.images.map(({ fileName, width, height }) => ({ fileName, width, height })) };
}

/** The dataset as a format that cannot carry attributes and/or scores reads it back. */
export function withoutExtras(dataset: LabelDataset, keep: { attributes: boolean; score: boolean }): LabelDataset {
  return {
    classes: dataset.classes,
    images: dataset.images.map((image) => ({
      ...image,
      boxes: image.boxes.map((b) => ({
        className: b.className,
        box: b.box,
        ...(keep.attributes && b.attributes ? { attributes: b.attributes } : {}),
        ...(keep.score && b.score !== undefined ? { score: b.score } : {}),
      })),
    })),
  };
}

/** Runs an import that must fail and checks the error names the file, the place and the reason. */
export function expectFormatError(run: () => unknown, file: string, location: string, reason: RegExp): FormatError {
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    const err = e as FormatError;
    expect({ file: err.file, location: err.location }).toEqual({ file, location });
    expect(err.reason).toMatch(reason);
    return err;
  }
  throw new Error(`expected a FormatError, but import returned ${JSON.stringify(result).slice(0, 200)}`);
}
