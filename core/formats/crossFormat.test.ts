import { describe, expect, it } from 'vitest';
import { formats, type FormatId } from './index';
import type { LabelDataset } from './types';
import { contextOf } from './testKit';

/** Awkward sizes and coordinates: large and odd dimensions stress the relative formats' precision. */
function awkwardDataset(): LabelDataset {
  return {
    classes: ['car', 'truck', 'bus'],
    images: [
      {
        fileName: 'cam1/0001.jpg',
        width: 4000,
        height: 3000,
        boxes: [
          { className: 'car', box: { x: 1234.56, y: 987.65, w: 321.09, h: 123.45 } },
          { className: 'truck', box: { x: 3999.01, y: 2999.01, w: 0.99, h: 0.99 } },
          { className: 'car', box: { x: 0.01, y: 0.02, w: 3999.97, h: 2999.96 } },
        ],
      },
      { fileName: 'cam1/0002.jpg', width: 1333, height: 777, boxes: [{ className: 'bus', box: { x: 666.67, y: 388.33, w: 111.11, h: 77.77 } }] },
      { fileName: 'cam2/0001.png', width: 17, height: 9, boxes: [] },
    ],
  };
}

const chain: FormatId[] = ['coco', 'yolo', 'voc', 'cvat', 'datumaro', 'labelstudio', 'labelme', 'coco'];

describe('COCO → YOLO → VOC → CVAT → Datumaro → Label Studio → LabelMe → COCO', () => {
  it('keeps every box within 0.01 px and every class and image', () => {
    const original = awkwardDataset();
    const context = contextOf(original);
    let dataset = original;
    for (const id of chain) dataset = formats[id].importDataset(formats[id].exportDataset(dataset), context).dataset;

    expect(dataset.classes).toEqual(original.classes);
    expect(dataset.images.map((i) => i.fileName)).toEqual(original.images.map((i) => i.fileName));
    for (const [i, image] of original.images.entries()) {
      const after = dataset.images[i]!;
      expect(after.boxes.map((b) => b.className)).toEqual(image.boxes.map((b) => b.className));
      for (const [j, b] of image.boxes.entries()) {
        const a = after.boxes[j]!.box;
        for (const k of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(a[k] - b.box[k]), `${image.fileName} box ${j} ${k}`).toBeLessThanOrEqual(0.01 + 1e-9);
      }
    }
  });
});
