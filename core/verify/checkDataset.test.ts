import { describe, expect, it } from 'vitest';
import { formats } from '../formats';
import { checkDataset } from './checkDataset';
import type { LineageLine } from './exportFiles';
import { problemList } from './problems';

/** A lineage line with only what checkDataset reads: the image and its final labels. */
function line(fileName: string, labels: LineageLine['labels']): LineageLine {
  return { itemId: `item-${fileName}`, image: { fileName, width: 100, height: 80 }, labels } as unknown as LineageLine;
}

const lines = [line('a.jpg', [{ className: 'car', box: { x: 10, y: 10, w: 20, h: 20 } }])];
const dataset = (extra: boolean) => ({
  classes: ['car'],
  images: [
    { fileName: 'a.jpg', width: 100, height: 80, boxes: [{ className: 'car', box: { x: 10, y: 10, w: 20, h: 20 } }] },
    ...(extra ? [{ fileName: 'smuggled.jpg', width: 100, height: 80, boxes: [{ className: 'car', box: { x: 1, y: 1, w: 5, h: 5 } }] }] : []),
  ],
});

describe('checkDataset', () => {
  it('accepts a COCO folder that says what the lineage says', () => {
    const { problems, report } = problemList();
    expect(checkDataset('dataset', 'coco', formats.coco.exportDataset(dataset(false)), lines, report)).toBe(1);
    expect(problems).toEqual([]);
  });

  it('names labels of an image no lineage item has, which the importer skips with a warning', () => {
    const { problems, report } = problemList();
    checkDataset('dataset', 'coco', formats.coco.exportDataset(dataset(true)), lines, report);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/1 labels of media not in this project, skipped on import.*smuggled\.jpg/);
  });

  it('names a box moved past the image edge, which the importer would clamp', () => {
    // Written into the file by hand: the exporter itself clamps.
    const files = formats.coco.exportDataset(dataset(false)).map((f) => {
      const coco = JSON.parse(f.content) as { annotations: { bbox: number[] }[] };
      coco.annotations[0]!.bbox = [90, 10, 20, 20];
      return { ...f, content: JSON.stringify(coco) };
    });
    const { problems, report } = problemList();
    checkDataset('dataset', 'coco', files, lines, report);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/clamped on import/);
  });
});
