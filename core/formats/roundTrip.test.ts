import { describe, expect, it } from 'vitest';
import { formats, formatIds } from './index';
import { contextOf, ocrDataset, sampleDataset, withoutExtras } from './testKit';
import { exportYoloDataset } from './yolo';

/** What each format can carry besides class and box. */
const carries = {
  coco: { attributes: true, score: true },
  yolo: { attributes: false, score: false },
  voc: { attributes: true, score: false },
  cvat: { attributes: true, score: false },
  labelstudio: { attributes: 'text', score: false },
  labelme: { attributes: 'booleans', score: false },
  datumaro: { attributes: true, score: true },
} as const;

describe.each(formatIds)('%s round trip', (id) => {
  const format = formats[id];

  it('imports what it exported', () => {
    const dataset = sampleDataset();
    const back = format.importDataset(format.exportDataset(dataset), contextOf(dataset)).dataset;
    expect(back).toEqual(withoutExtras(dataset, carries[id]));
  });

  it('keeps an OCR box’s recognised text where the format can carry it', () => {
    const dataset = ocrDataset();
    const back = format.importDataset(format.exportDataset(dataset), contextOf(dataset)).dataset;
    expect(back).toEqual(withoutExtras(dataset, carries[id]));
  });

  it('exports byte-identical files whatever the input order', () => {
    const dataset = sampleDataset();
    const shuffled = { ...dataset, images: [...dataset.images].reverse() };
    expect(format.exportDataset(shuffled)).toEqual(format.exportDataset(dataset));
  });

  it('rounds to 1/100 px and clamps boxes into the image on export', () => {
    const dataset = {
      classes: ['cat'],
      images: [{ fileName: 'x.jpg', width: 100, height: 50, boxes: [{ className: 'cat', box: { x: -3, y: 10.123456, w: 50.005001, h: 60 } }] }],
    };
    const back = format.importDataset(format.exportDataset(dataset), contextOf(dataset)).dataset;
    expect(back.images[0]!.boxes[0]!.box).toEqual({ x: 0, y: 10.12, w: 47.01, h: 39.88 });
  });

  it('refuses to export a box whose class is not in the class list', () => {
    const dataset = { classes: ['cat'], images: [{ fileName: 'x.jpg', width: 10, height: 10, boxes: [{ className: 'dog', box: { x: 0, y: 0, w: 1, h: 1 } }] }] };
    expect(() => format.exportDataset(dataset)).toThrow(/"dog" is not in the dataset's classes/);
  });
});

describe('formats with a class list keep unused classes and their order', () => {
  it.each(['coco', 'yolo', 'voc', 'cvat', 'datumaro'] as const)('%s', (id) => {
    const dataset = { ...sampleDataset(), classes: ['zebra', 'person', 'dog', 'cat'] };
    const back = formats[id].importDataset(formats[id].exportDataset(dataset), contextOf(dataset)).dataset;
    expect(back.classes).toEqual(['zebra', 'person', 'dog', 'cat']);
  });
});

describe('files from Windows tools', () => {
  it.each(formatIds)('%s imports files with a byte-order mark and CRLF line ends', (id) => {
    const dataset = sampleDataset();
    const files = formats[id].exportDataset(dataset).map((f) => ({ path: f.path, content: `\uFEFF${f.content.replace(/\n/g, '\r\n')}` }));
    expect(formats[id].importDataset(files, contextOf(dataset)).dataset).toEqual(formats[id].importDataset(formats[id].exportDataset(dataset), contextOf(dataset)).dataset);
  });
});

describe('YOLO with a seeded train/val split', () => {
  it('imports what it exported, exactly as the unsplit export does', () => {
    const dataset = sampleDataset();
    const files = exportYoloDataset(dataset, { name: 'ds', split: { valPercent: 50, seed: 11 } }).files;
    expect(files.some((f) => f.path.startsWith('labels/val/')) && files.some((f) => f.path.startsWith('labels/train/'))).toBe(true);
    expect(formats.yolo.importDataset(files, contextOf(dataset)).dataset).toEqual(withoutExtras(dataset, carries.yolo));
  });
});

describe('occluded, truncated and difficult flags', () => {
  const flagged = {
    classes: ['car', 'person'],
    images: [
      {
        fileName: 'street.jpg',
        width: 200,
        height: 100,
        boxes: [
          { className: 'car', box: { x: 1, y: 1, w: 10, h: 10 }, attributes: { occluded: true, truncated: false, difficult: true } },
          { className: 'car', box: { x: 20, y: 1, w: 10, h: 10 }, attributes: { occluded: false, truncated: true, difficult: false } },
          { className: 'person', box: { x: 40, y: 1, w: 10, h: 10 } },
        ],
      },
    ],
  };

  it.each(['coco', 'voc', 'cvat', 'datumaro', 'labelme'] as const)('%s writes them and reads them back', (id) => {
    const back = formats[id].importDataset(formats[id].exportDataset(flagged), contextOf(flagged)).dataset;
    expect(back).toEqual(flagged);
  });
});
