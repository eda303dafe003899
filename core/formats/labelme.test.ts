import { describe, expect, it } from 'vitest';
import { labelMeFormat } from './labelme';
import { expectFormatError, fixture } from './testKit';
import type { FormatFile, ImportContext } from './types';

const context: ImportContext = { images: [{ fileName: 'images/park.jpg', width: 640, height: 480 }, { fileName: 'b.jpg', width: 200, height: 100 }] };
const labelMeFile = (path: string, doc: object): FormatFile => ({ path, content: JSON.stringify({ version: '5.4.1', flags: {}, imageData: null, ...doc }) });
const rectangle = (label: string, points: number[][], extra: object = {}) => ({ label, points, group_id: null, description: '', shape_type: 'rectangle', flags: {}, mask: null, ...extra });

describe('LabelMe import', () => {
  it('reads a rectangle (corners in any order) with its flags, finds the image by imagePath relative to the JSON, and skips the polygon with a warning', () => {
    const result = labelMeFormat.importDataset([fixture('labelme-rectangle-polygon.json', 'annotations/park.json')], context);
    expect(result.dataset).toEqual({
      classes: ['dog'],
      images: [{ fileName: 'images/park.jpg', width: 640, height: 480, boxes: [{ className: 'dog', box: { x: 120.25, y: 96, w: 291.75, h: 214.5 }, attributes: { sleeping: true } }] }],
    });
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ file: 'annotations/park.json', location: 'shapes[1]', message: 'a polygon "ball" on image "images/park.jpg" skipped: only rectangles are imported' });
  });

  it('falls back to the base name, and treats shapes without shape_type as polygons (LabelMe before 3.x)', () => {
    const doc = { imagePath: 'C:\\\\data\\\\b.jpg', imageWidth: 200, imageHeight: 100, shapes: [{ label: 'cat', points: [[1, 1], [5, 5], [1, 5]] }, rectangle('cat', [[1, 2], [3, 4]])] };
    const result = labelMeFormat.importDataset([labelMeFile('b.json', doc)], context);
    expect(result.dataset.images[0]!.boxes).toEqual([{ className: 'cat', box: { x: 1, y: 2, w: 2, h: 2 } }]);
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 1 });
  });

  it('reports a rectangle without two points, bad shapes and a wrong image size, naming file and place; skips an unknown image', () => {
    const bad = { imagePath: 'b.jpg', imageWidth: 200, imageHeight: 100, shapes: [rectangle('cat', [[1, 2]]), { label: 'cat', points: 'x' }] };
    const err = expectFormatError(() => labelMeFormat.importDataset([labelMeFile('b.json', bad)], context), 'b.json', 'shapes[1].points', /expected array/i);
    expect(err.problems.map((p) => p.location)).toEqual(['shapes[1].points', 'shapes[0].points']);
    expect(err.problems[1]!.reason).toBe('a rectangle needs 2 points, it has 1');
    expectFormatError(() => labelMeFormat.importDataset([labelMeFile('b.json', { ...bad, shapes: [], imageWidth: 100 })], context), 'b.json', '(root)', /200×100 px, but the file says 100×100/);
    const unknown = labelMeFormat.importDataset([labelMeFile('z.json', { imagePath: 'zebra.jpg', shapes: [] })], context);
    expect(unknown.warnings.examples[0]).toMatchObject({ kind: 'unknown-media', file: 'z.json', location: 'imagePath' });
  });
});

describe('LabelMe export', () => {
  it("writes one JSON per image beside it, in label_file.py's layout", () => {
    const files = labelMeFormat.exportDataset({
      classes: ['dog'],
      images: [{ fileName: 'images/park.jpg', width: 640, height: 480, boxes: [{ className: 'dog', box: { x: 120.25, y: 96, w: 291.75, h: 214.5 }, attributes: { sleeping: true, colour: 'brown' } }] }],
    });
    expect(files.map((f) => f.path)).toEqual(['images/park.json']);
    expect(JSON.parse(files[0]!.content)).toEqual({
      version: '5.4.1',
      flags: {},
      shapes: [{ label: 'dog', points: [[120.25, 96], [412, 310.5]], group_id: null, description: '', shape_type: 'rectangle', flags: { sleeping: true }, mask: null }],
      imagePath: 'park.jpg',
      imageData: null,
      imageHeight: 480,
      imageWidth: 640,
    });
  });
});
