import { describe, expect, it } from 'vitest';
import { cocoFormat } from './coco';
import type { ImportContext } from './types';
import { expectFormatError } from './testKit';

const context: ImportContext = { images: [{ fileName: 'dir/a.jpg', width: 100, height: 80 }, { fileName: 'b.jpg', width: 50, height: 50 }] };

function cocoFile(overrides: { images?: unknown; annotations?: unknown; categories?: unknown } = {}) {
  const doc = {
    images: [{ id: 7, file_name: 'dir/a.jpg', width: 100, height: 80 }],
    annotations: [
      { id: 1, image_id: 7, category_id: 3, bbox: [1, 2, 10, 20], area: 200, iscrowd: 0 },
      { id: 2, image_id: 7, category_id: 5, bbox: [5.5, 6.25, 7, 8], area: 56, iscrowd: 0, score: 0.5 },
    ],
    categories: [
      { id: 3, name: 'cat' },
      { id: 5, name: 'dog' },
    ],
    ...overrides,
  };
  return [{ path: 'instances.json', content: JSON.stringify(doc, null, 2) }];
}

const importCoco = (files: ReturnType<typeof cocoFile>) => () => cocoFormat.importDataset(files, context);

describe('COCO import', () => {
  it('maps arbitrary category and image ids to names', () => {
    const ds = cocoFormat.importDataset(cocoFile(), context).dataset;
    expect(ds).toEqual({
      classes: ['cat', 'dog'],
      images: [
        {
          fileName: 'dir/a.jpg',
          width: 100,
          height: 80,
          boxes: [
            { className: 'cat', box: { x: 1, y: 2, w: 10, h: 20 } },
            { className: 'dog', box: { x: 5.5, y: 6.25, w: 7, h: 8 }, score: 0.5 },
          ],
        },
      ],
    });
  });

  it('matches images by base name when the path differs, and lists images without annotations', () => {
    const ds = cocoFormat.importDataset(cocoFile({ images: [{ id: 7, file_name: '/data/x/a.jpg' }, { id: 8, file_name: 'b.jpg' }] }), context).dataset;
    expect(ds.images.map((i) => [i.fileName, i.boxes.length])).toEqual([
      ['b.jpg', 0],
      ['dir/a.jpg', 2],
    ]);
  });

  it('clamps a box that overshoots the image by at most 0.5 px', () => {
    const ds = cocoFormat.importDataset(cocoFile({ annotations: [{ image_id: 7, category_id: 3, bbox: [-0.4, 0, 100.8, 80.5] }] }), context).dataset;
    expect(ds.images[0]!.boxes[0]!.box).toEqual({ x: 0, y: 0, w: 100, h: 80 });
  });

  it('reports bad JSON syntax with its line', () => {
    const files = cocoFile();
    files[0]!.content = files[0]!.content.replace('"iscrowd": 0\n    },', '"iscrowd": 0\n    ');
    const err = expectFormatError(importCoco(files), 'instances.json', 'line 24', /invalid JSON/);
    expect(err.message).toMatch(/^instances\.json \(line 24\): invalid JSON/);
  });

  it('reports truncated JSON at its last line', () => {
    expectFormatError(importCoco([{ path: 'c.json', content: '{\n"images": [' }]), 'c.json', 'line 2', /invalid JSON/);
  });

  it('reports a missing field by its JSON path', () => {
    expectFormatError(importCoco(cocoFile({ annotations: [{ image_id: 7, category_id: 3 }] })), 'instances.json', 'annotations[0].bbox', /expected/i);
    expectFormatError(importCoco(cocoFile({ categories: undefined })), 'instances.json', 'categories', /expected array/i);
  });

  it('reports non-numeric coordinates', () => {
    expectFormatError(importCoco(cocoFile({ annotations: [{ image_id: 7, category_id: 3, bbox: [1, 'x', 3, 4] }] })), 'instances.json', 'annotations[0].bbox[1]', /expected number/);
  });

  it('skips an image the project does not have, and its annotations, with one warning', () => {
    const result = cocoFormat.importDataset(cocoFile({ images: [{ id: 7, file_name: 'zebra.jpg' }, { id: 8, file_name: 'b.jpg' }] }), context);
    expect(result.dataset.images).toEqual([{ fileName: 'b.jpg', width: 50, height: 50, boxes: [] }]);
    expect(result.warnings.counts).toEqual({ 'unknown-media': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ location: 'images[0].file_name', message: expect.stringMatching(/unknown image "zebra\.jpg".*labels were skipped/) });
  });

  it('reports an image whose size disagrees with the real image', () => {
    expectFormatError(importCoco(cocoFile({ images: [{ id: 7, file_name: 'dir/a.jpg', width: 200, height: 160 }] })), 'instances.json', 'images[0]', /100×80 px, but the file says 200×160/);
  });

  it('reports a category id that is not among the categories', () => {
    const annotations = [{ image_id: 7, category_id: 3, bbox: [1, 1, 1, 1] }, { image_id: 7, category_id: 4, bbox: [1, 1, 1, 1] }];
    expectFormatError(importCoco(cocoFile({ annotations })), 'instances.json', 'annotations[1].category_id', /category id 4 is not in categories/);
  });

  it('reports an annotation of an unknown image id', () => {
    expectFormatError(importCoco(cocoFile({ annotations: [{ image_id: 9, category_id: 3, bbox: [1, 1, 1, 1] }] })), 'instances.json', 'annotations[0].image_id', /image id 9/);
  });

  it('clamps a box partly outside the image and skips one wholly outside, with warnings', () => {
    const annotations = [
      { image_id: 7, category_id: 3, bbox: [1, 1, 1, 1] },
      { image_id: 7, category_id: 3, bbox: [90, 10, 10.6, 5] },
      { image_id: 7, category_id: 3, bbox: [-30, 10, 20, 5] },
    ];
    const result = cocoFormat.importDataset(cocoFile({ annotations }), context);
    expect(result.dataset.images[0]!.boxes.map((b) => b.box)).toEqual([
      { x: 1, y: 1, w: 1, h: 1 },
      { x: 90, y: 10, w: 10, h: 5 },
    ]);
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1, 'box-outside': 1 });
    expect(result.warnings.examples.map((w) => [w.kind, w.location])).toEqual([
      ['box-clamped', 'annotations[1].bbox'],
      ['box-outside', 'annotations[2].bbox'],
    ]);
    expect(result.warnings.examples[0]!.message).toMatch(/outside image "dir\/a\.jpg" \(100×80\)/);
  });

  it('reports a negative box size', () => {
    expectFormatError(importCoco(cocoFile({ annotations: [{ image_id: 7, category_id: 3, bbox: [50, 10, -5, 5] }] })), 'instances.json', 'annotations[0].bbox', /negative box size/);
  });

  it('reports duplicate ids and names', () => {
    expectFormatError(importCoco(cocoFile({ categories: [{ id: 3, name: 'cat' }, { id: 3, name: 'dog' }] })), 'instances.json', 'categories[1].id', /duplicate category id 3/);
    expectFormatError(
      importCoco(cocoFile({ images: [{ id: 7, file_name: 'dir/a.jpg' }, { id: 8, file_name: 'dir/a.jpg' }] })),
      'instances.json',
      'images[1].file_name',
      /listed twice/,
    );
  });

  it('refuses COCO written per video frame and says which importer to use', () => {
    const files = cocoFile({ images: [{ id: 7, file_name: 'dir/a.jpg', video_id: 1, frame_id: 0 }] });
    expectFormatError(importCoco(files), 'instances.json', '', /COCO written per video frame .* Video labels/);
  });

  it('needs exactly one JSON file', () => {
    expectFormatError(() => cocoFormat.importDataset([], context), 'annotations.json', '', /missing/);
    const two = [...cocoFile(), { path: 'other.json', content: '{}' }];
    expectFormatError(() => cocoFormat.importDataset(two, context), 'instances.json', '', /expected one COCO annotations file, got 2/);
  });
});

describe('COCO import of a large broken file', () => {
  it(
    'lists the first 20 of a million wrong-typed boxes and counts them all, in seconds and bounded memory',
    () => {
      const n = 1_000_000;
      const annotation = '{"id":1,"image_id":7,"category_id":3,"bbox":["1","2","3","4"]}';
      const content = `{"images":[{"id":7,"file_name":"dir/a.jpg"}],"categories":[{"id":3,"name":"cat"}],"annotations":[${Array(n).fill(annotation).join(',')}]}`;
      const err = expectFormatError(() => cocoFormat.importDataset([{ path: 'big.json', content }], context), 'big.json', 'annotations[0].bbox[0]', /expected number, received string/);
      expect(err.problems).toHaveLength(20);
      expect(err.problems[19]!.location).toBe('annotations[19].bbox[0]');
      expect(err.problemCount).toBe(n);
      expect(err.message).toMatch(/\(and 999999 more problems\)$/);
    },
    30_000,
  );

  it('reports problems of several annotations at once, each at its JSON path', () => {
    const annotations = [
      { image_id: 7, category_id: 3, bbox: [1, 1, 1, 1] },
      { image_id: 7, category_id: 3, bbox: [1, 1, 1] },
      { image_id: 7, category_id: 9, bbox: [1, 1, 1, 1] },
      { image_id: 7, category_id: 3, bbox: [1, 1, -1, 1] },
      'box',
    ];
    const err = expectFormatError(importCoco(cocoFile({ annotations })), 'instances.json', 'annotations[1].bbox', /expected 4 numbers/);
    expect(err.problems.map((p) => p.location)).toEqual(['annotations[1].bbox', 'annotations[2].category_id', 'annotations[3].bbox', 'annotations[4]']);
  });
});

describe('COCO export', () => {
  it('writes the documented layout: images, annotations, categories; ids from 1; attributes and score only when present', () => {
    const [file] = cocoFormat.exportDataset({
      classes: ['cat', 'dog'],
      images: [
        { fileName: 'b.jpg', width: 50, height: 50, boxes: [{ className: 'dog', box: { x: 1.004, y: 2, w: 3, h: 4 }, score: 0.9 }] },
        { fileName: 'a.jpg', width: 50, height: 50, boxes: [{ className: 'cat', box: { x: 0, y: 0, w: 10, h: 10 }, attributes: { big: true } }] },
      ],
    });
    expect(file!.path).toBe('annotations.json');
    const coco = JSON.parse(file!.content);
    expect(Object.keys(coco)).toEqual(['images', 'annotations', 'categories']);
    expect(coco.images).toEqual([
      { id: 1, file_name: 'a.jpg', width: 50, height: 50 },
      { id: 2, file_name: 'b.jpg', width: 50, height: 50 },
    ]);
    expect(coco.annotations).toEqual([
      { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0, attributes: { big: true } },
      { id: 2, image_id: 2, category_id: 2, bbox: [1, 2, 3, 4], area: 12, iscrowd: 0, score: 0.9 },
    ]);
    expect(Object.keys(coco.annotations[1])).toEqual(['id', 'image_id', 'category_id', 'bbox', 'area', 'iscrowd', 'score']);
    expect(coco.categories).toEqual([
      { id: 1, name: 'cat', supercategory: '' },
      { id: 2, name: 'dog', supercategory: '' },
    ]);
    expect(file!.content).toBe(JSON.stringify(coco, null, 2) + '\n');
  });
});

describe("COCO import of CVAT's COCO export", () => {
  // As CVAT writes boxes: segmentation [], attributes occluded and rotation on every box.
  const cvatBox = (id: number, category_id: number, bbox: number[], attributes: object, extra: object = {}) => ({
    id,
    image_id: 7,
    category_id,
    segmentation: [],
    area: bbox[2]! * bbox[3]!,
    bbox,
    iscrowd: 0,
    attributes,
    ...extra,
  });
  const run = (annotations: unknown[]) => cocoFormat.importDataset(cocoFile({ annotations }), context);

  it('skips a rotated box with a warning, and reads a whole turn upright', () => {
    const result = run([cvatBox(1, 3, [1, 2, 10, 20], { occluded: false, rotation: 30 }), cvatBox(2, 3, [5, 5, 5, 5], { occluded: false, rotation: 360 })]);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 5, y: 5, w: 5, h: 5 } }]);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 1 });
    expect(result.warnings.examples[0]!.location).toBe('annotations[0].attributes.rotation');
  });

  it('adds no occluded or rotation attribute when no box is occluded, and keeps occluded for a class that has an occluded box', () => {
    const none = run([cvatBox(1, 3, [1, 2, 10, 20], { occluded: false, rotation: 0.0 }), cvatBox(2, 5, [5, 5, 5, 5], { occluded: false, rotation: 0.0, color: 'red' })]);
    expect(none.dataset.images[0]!.boxes).toEqual([
      { className: 'cat', box: { x: 1, y: 2, w: 10, h: 20 } },
      { className: 'dog', box: { x: 5, y: 5, w: 5, h: 5 }, attributes: { color: 'red' } },
    ]);
    expect(none.warnings.counts).toEqual({});
    const some = run([cvatBox(1, 3, [1, 2, 10, 20], { occluded: true, rotation: 0 }), cvatBox(2, 3, [5, 5, 5, 5], { occluded: false, rotation: 0 }), cvatBox(3, 5, [5, 5, 5, 5], { occluded: false, rotation: 0 })]);
    expect(some.dataset.images[0]!.boxes.map((b) => b.attributes)).toEqual([{ occluded: true }, { occluded: false }, undefined]);
  });

  it('imports the bbox of an annotation with keypoints or a polygon/RLE segmentation and counts what was left out', () => {
    const result = run([
      cvatBox(1, 3, [1, 2, 10, 20], {}, { keypoints: [3, 4, 2, 0, 0, 0], num_keypoints: 1 }),
      cvatBox(2, 3, [1, 2, 10, 20], {}, { segmentation: [[1, 2, 11, 2, 6, 22]] }),
      cvatBox(3, 3, [1, 2, 10, 20], {}, { segmentation: { counts: [0, 5, 10], size: [80, 100] } }),
      cvatBox(4, 3, [1, 2, 10, 20], {}, { segmentation: [[1, 2, 11, 2, 11, 22, 1, 22]] }), // the box's own rectangle: nothing lost
      cvatBox(5, 3, [1, 2, 10, 20], {}, { keypoints: [0, 0, 0], num_keypoints: 0 }), // no keypoint labelled
    ]);
    expect(result.dataset.images[0]!.boxes).toHaveLength(5);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 3 });
    expect(result.warnings.examples.map((w) => [w.location, w.message])).toEqual([
      ['annotations[0]', 'the keypoints of an annotation on image "dir/a.jpg" left out: only its bbox is imported'],
      ['annotations[1]', 'the segmentation of an annotation on image "dir/a.jpg" left out: only its bbox is imported'],
      ['annotations[2]', 'the segmentation of an annotation on image "dir/a.jpg" left out: only its bbox is imported'],
    ]);
  });
});
