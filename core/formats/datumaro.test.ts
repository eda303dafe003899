import { describe, expect, it } from 'vitest';
import { datumaroFormat, DATUMARO_FILE } from './datumaro';
import { expectFormatError, fixture } from './testKit';
import type { FormatFile, ImportContext } from './types';

const street: ImportContext = {
  images: [
    { fileName: 'street_001.jpg', width: 1280, height: 720 },
    { fileName: 'street_002.jpg', width: 1280, height: 720 },
  ],
};
const exported = () => fixture('datumaro/annotations/default.json', DATUMARO_FILE);
const datumaroFile = (items: unknown[], labels = ['car']): FormatFile => ({
  path: DATUMARO_FILE,
  content: JSON.stringify({ info: {}, categories: { label: { labels: labels.map((name) => ({ name, parent: '', attributes: [] })), attributes: [] } }, items }),
});
const run = (files: FormatFile[]) => () => datumaroFormat.importDataset(files, street);

describe('Datumaro import', () => {
  it("reads bbox annotations with their attributes (occluded kept where used), classes from categories, and warns about the rest", () => {
    const result = datumaroFormat.importDataset([exported()], street);
    expect(result.dataset).toEqual({
      classes: ['car', 'person', 'night'],
      images: [
        {
          fileName: 'street_001.jpg',
          width: 1280,
          height: 720,
          boxes: [
            { className: 'car', box: { x: 100.5, y: 200, w: 300.25, h: 150 }, attributes: { occluded: true, color: 'red' } },
            { className: 'car', box: { x: 700, y: 300, w: 200, h: 120 }, attributes: { occluded: false, color: 'blue' } },
          ],
        },
        { fileName: 'street_002.jpg', width: 1280, height: 720, boxes: [{ className: 'person', box: { x: 10, y: 20, w: 30, h: 60 } }] },
      ],
    });
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 2 });
    expect(result.warnings.examples.map((w) => [w.location, w.message])).toEqual([
      ['items[0].annotations[2]', 'a polygon annotation on image "street_001.jpg" skipped: only bbox annotations are imported'],
      ['items[0].annotations[3]', 'a label annotation on image "street_001.jpg" skipped: only bbox annotations are imported'],
    ]);
  });

  it('skips a box whose rotation attribute is text ("30"), and keeps rotation out of the attributes of an upright one', () => {
    const items = [
      {
        id: 'street_001',
        annotations: [
          { id: 0, type: 'bbox', attributes: { rotation: '30' }, group: 0, label_id: 0, z_order: 0, bbox: [1, 1, 2, 2] },
          { id: 1, type: 'bbox', attributes: { rotation: '0' }, group: 0, label_id: 0, z_order: 0, bbox: [3, 3, 2, 2] },
        ],
        image: { path: 'street_001.jpg' },
      },
    ];
    const result = datumaroFormat.importDataset([datumaroFile(items)], street);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: expect.any(String), box: { x: 3, y: 3, w: 2, h: 2 } }]);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 1 });
  });

  it('skips a box CVAT rotated (a rotation attribute) and an item of an image the project does not have, with warnings', () => {
    const items = [
      { id: 'street_001', annotations: [{ id: 0, type: 'bbox', attributes: { occluded: false, rotation: 30.5 }, group: 0, label_id: 0, z_order: 0, bbox: [1, 1, 2, 2] }], image: { path: 'street_001.jpg' } },
      { id: 'zebra', annotations: [], image: { path: 'zebra.jpg' } },
    ];
    const result = datumaroFormat.importDataset([datumaroFile(items)], street);
    expect(result.dataset.images).toEqual([{ fileName: 'street_001.jpg', width: 1280, height: 720, boxes: [] }]);
    expect(result.warnings.examples.map((w) => [w.kind, w.location])).toEqual([
      ['unsupported-shape', 'items[0].annotations[0].attributes.rotation'],
      ['unknown-media', 'items[1]'],
    ]);
  });

  it('finds the image by media.path (newer Datumaro) or by the item id without extension', () => {
    const items = [
      { id: 'x', annotations: [], media: { path: '/datasets/street_001.jpg' } },
      { id: 'street_002', annotations: [] },
    ];
    expect(datumaroFormat.importDataset([datumaroFile(items)], street).dataset.images.map((i) => i.fileName)).toEqual(['street_001.jpg', 'street_002.jpg']);
  });

  it('reports a bad label_id, a missing bbox and a size that disagrees, with up to 20 problems at once', () => {
    const bbox = (label_id: unknown, extra: object = {}) => ({ id: 0, type: 'bbox', attributes: {}, group: 0, label_id, z_order: 0, bbox: [1, 1, 2, 2], ...extra });
    const items = [{ id: 'street_001', annotations: [bbox(3), bbox(0, { bbox: undefined }), bbox('car')], image: { path: 'street_001.jpg', size: [720, 1280] } }];
    const err = expectFormatError(run([datumaroFile(items)]), DATUMARO_FILE, 'items[0].annotations[2].label_id', /expected number/i);
    expect(err.problems.map((p) => [p.location, p.reason])).toEqual([
      ['items[0].annotations[2].label_id', expect.stringMatching(/expected number/i)],
      ['items[0].annotations[0].label_id', 'label_id 3 is not in categories.label.labels (1 labels)'],
      ['items[0].annotations[1].bbox', 'a bbox annotation without bbox [x, y, w, h]'],
    ]);
    const wrongSize = [{ id: 'street_001', annotations: [], image: { path: 'street_001.jpg', size: [1280, 720] } }];
    expectFormatError(run([datumaroFile(wrongSize)]), DATUMARO_FILE, 'items[0].image.size', /1280×720 px, but the file says 720×1280/);
  });
});

describe('Datumaro export', () => {
  it('writes annotations/default.json with labels (and the attributes each uses), items and size as [height, width], occluded on every box', () => {
    const [file] = datumaroFormat.exportDataset({
      classes: ['car', 'bus'],
      images: [{ fileName: 'cam/street_001.jpg', width: 1280, height: 720, boxes: [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 }, attributes: { color: 'red' }, score: 0.5 }] }],
    });
    expect(file!.path).toBe('annotations/default.json');
    expect(JSON.parse(file!.content)).toEqual({
      info: {},
      categories: { label: { labels: [{ name: 'car', parent: '', attributes: ['color'] }, { name: 'bus', parent: '', attributes: [] }], attributes: ['occluded'] } },
      items: [
        {
          id: 'cam/street_001',
          annotations: [{ id: 0, type: 'bbox', attributes: { occluded: false, color: 'red', score: 0.5 }, group: 0, label_id: 0, z_order: 0, bbox: [1, 2, 3, 4] }],
          attr: { frame: 0 },
          image: { path: 'cam/street_001.jpg', size: [720, 1280] },
        },
      ],
    });
  });
});
