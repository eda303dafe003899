import { describe, expect, it } from 'vitest';
import type { FormatFile, ImportContext } from './types';
import { expectFormatError } from './testKit';
import { parse } from 'yaml';
import { exportYoloDataset, yoloFormat, yoloLabelPath } from './yolo';

const context: ImportContext = {
  images: [
    { fileName: 'images/train/a.jpg', width: 200, height: 100 },
    { fileName: 'images/train/b.jpg', width: 200, height: 100 },
  ],
};
const dataYaml = { path: 'data.yaml', content: 'path: .\ntrain: images/train\nnames:\n  0: cat\n  1: dog\n' };
const labels = (content: string): FormatFile => ({ path: 'labels/train/a.txt', content });
const run = (files: FormatFile[]) => () => yoloFormat.importDataset(files, context);

describe('YOLO import', () => {
  it('reads normalised centre boxes and gives images without a label file no boxes', () => {
    const ds = yoloFormat.importDataset([dataYaml, labels('1 0.5 0.5 0.25 0.5\n\n0 0.1 0.2 0.1 0.2\n')], context).dataset;
    expect(ds).toEqual({
      classes: ['cat', 'dog'],
      images: [
        {
          fileName: 'images/train/a.jpg',
          width: 200,
          height: 100,
          boxes: [
            { className: 'dog', box: { x: 75, y: 25, w: 50, h: 50 } },
            { className: 'cat', box: { x: 10, y: 10, w: 20, h: 20 } },
          ],
        },
        { fileName: 'images/train/b.jpg', width: 200, height: 100, boxes: [] },
      ],
    });
  });

  it('accepts names as a list and classes.txt instead of data.yaml', () => {
    const list = yoloFormat.importDataset([{ path: 'data.yaml', content: 'names: [cat, dog]\n' }, labels('1 0.5 0.5 0.1 0.1')], context).dataset;
    expect(list.classes).toEqual(['cat', 'dog']);
    const txt = yoloFormat.importDataset([{ path: 'classes.txt', content: 'cat\ndog\n' }, labels('1 0.5 0.5 0.1 0.1')], context).dataset;
    expect(txt.images[0]!.boxes[0]!.className).toBe('dog');
  });

  it('mirrors images/ as labels/ when exporting', () => {
    expect(yoloLabelPath('images/train/a.jpg')).toBe('labels/train/a.txt');
    expect(yoloLabelPath('sub/x.y.png')).toBe('labels/sub/x.y.txt');
  });

  it('needs a class list', () => {
    expectFormatError(run([labels('0 0.5 0.5 0.1 0.1')]), 'data.yaml', '', /missing: a YOLO dataset needs data\.yaml/);
    expectFormatError(run([{ path: 'data.yaml', content: 'train: images\n' }]), 'data.yaml', 'names', /missing: `names`/);
  });

  it('reports bad YAML with its line', () => {
    expectFormatError(run([{ path: 'data.yaml', content: 'names:\n  - cat\n  dog: [\n' }]), 'data.yaml', 'line 3', /invalid YAML/);
  });

  it('reports a class id out of range', () => {
    expectFormatError(run([dataYaml, labels('0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n')]), 'labels/train/a.txt', 'line 2', /class id 2 is out of range: data\.yaml names 2 classes/);
  });

  it('reports a class id that is not a whole number', () => {
    expectFormatError(run([dataYaml, labels('1.5 0.5 0.5 0.1 0.1\n')]), 'labels/train/a.txt', 'line 1', /class id "1\.5" is not a whole number/);
  });

  it('reports non-numeric values and wrong value counts', () => {
    expectFormatError(run([dataYaml, labels('0 0.5 abc 0.1 0.1\n')]), 'labels/train/a.txt', 'line 1', /"abc" is not a number/);
    expectFormatError(run([dataYaml, labels('0 0.5 0.5 0.1\n')]), 'labels/train/a.txt', 'line 1', /expected 5 values/);
  });

  it('skips segmentation polygons (class + an even count of at least 6 coordinates) with a warning each, and keeps the boxes beside them', () => {
    const result = yoloFormat.importDataset([dataYaml, labels('0 0.1 0.1 0.5 0.1 0.3 0.5\n1 0.5 0.5 0.25 0.5\n1 0.1 0.1 0.9 0.1 0.9 0.9 0.1 0.9\n')], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'dog', box: { x: 75, y: 25, w: 50, h: 50 } }]);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 2 });
    expect(result.warnings.examples.map((w) => [w.location, w.message])).toEqual([
      ['line 1', 'a polygon of 3 points on image "images/train/a.jpg" skipped: only boxes are imported'],
      ['line 3', 'a polygon of 4 points on image "images/train/a.jpg" skipped: only boxes are imported'],
    ]);
  });

  it('still reports odd coordinate counts, non-numbers and bad class ids on polygon lines, every bad line listed', () => {
    const err = expectFormatError(run([dataYaml, labels('0 0.1 0.1 0.5 0.1 0.3\n0 0.1 0.1 0.5 x 0.3 0.5\n7 0.1 0.1 0.5 0.1 0.3 0.5\n')]), 'labels/train/a.txt', 'line 1', /expected 5 values/);
    expect(err.problems.map((p) => p.location)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(err.problems[1]!.reason).toMatch(/"x" is not a number/);
    expect(err.problems[2]!.reason).toMatch(/class id 7 is out of range/);
  });

  it('skips a label file for an image the project does not have, with a warning', () => {
    const result = yoloFormat.importDataset([dataYaml, { path: 'labels/train/zebra.txt', content: '0 0.5 0.5 0.1 0.1\n' }], context);
    expect(result.dataset.images.every((i) => i.boxes.length === 0)).toBe(true);
    expect(result.warnings.counts).toEqual({ 'unknown-media': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ file: 'labels/train/zebra.txt', message: expect.stringMatching(/unknown image "train\/zebra\.\*"/) });
  });

  it('clamps boxes partly outside the image with a warning, and reports negative sizes', () => {
    // cx 0.95, w 0.2 → right edge at 1.05 × 200 px = 10 px outside.
    const result = yoloFormat.importDataset([dataYaml, labels('0 0.5 0.5 0.1 0.1\n0 0.95 0.5 0.2 0.1\n')], context);
    expect(result.dataset.images[0]!.boxes[1]!.box).toEqual({ x: 170, y: 45, w: 30, h: 10 });
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ file: 'labels/train/a.txt', location: 'line 2' });
    expectFormatError(run([dataYaml, labels('0 0.5 0.5 -0.1 0.1\n')]), 'labels/train/a.txt', 'line 1', /negative box size/);
  });

  it('accepts a box that overshoots by less than 0.5 px', () => {
    // right edge at 1.002 × 200 = 200.4 px
    const ds = yoloFormat.importDataset([dataYaml, labels('0 0.951 0.5 0.102 0.1\n')], context).dataset;
    expect(ds.images[0]!.boxes[0]!.box.x + ds.images[0]!.boxes[0]!.box.w).toBe(200);
  });
});

describe('YOLO export', () => {
  it('writes data.yaml with names by id and one label file per image, empty when it has no boxes', () => {
    const files = yoloFormat.exportDataset({
      classes: ['cat', 'dog'],
      images: [
        { fileName: 'b.jpg', width: 200, height: 100, boxes: [] },
        { fileName: 'a.jpg', width: 200, height: 100, boxes: [{ className: 'dog', box: { x: 75, y: 25, w: 50, h: 50 } }] },
      ],
    });
    expect(files[0]!.path).toBe('data.yaml');
    expect(parse(files[0]!.content)).toEqual({ path: 'dataset', train: 'images', val: 'images', nc: 2, names: { 0: 'cat', 1: 'dog' } });
    expect(files.slice(1)).toEqual([
      { path: 'labels/a.txt', content: '1 0.5 0.5 0.25 0.5\n' },
      { path: 'labels/b.txt', content: '' },
    ]);
  });

  it('refuses two images that would share a label file', () => {
    const img = (fileName: string) => ({ fileName, width: 10, height: 10, boxes: [] });
    expect(() => yoloFormat.exportDataset({ classes: [], images: [img('a.jpg'), img('a.png')] })).toThrow(/"a\.jpg" and "a\.png" would both be written to labels\/a\.txt/);
  });
});
