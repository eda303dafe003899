import { describe, expect, it } from 'vitest';
import type { Item } from '../model/item';
import { LabelSchemaSchema } from '../model/labelSchema';
import type { Project } from '../model/project';
import type { Shape } from '../model/shape';
import { createBoxShape } from '../model/shapeFactory';
import { fromDataset, importContextFor, IMPORTED_MODEL_ID, toDataset } from './datasetMapping';
import { formats } from './index';

const project: Project = {
  id: 'p1',
  name: 'Streets',
  rootId: 'r1',
  rootPath: '/data',
  labelSchema: LabelSchemaSchema.parse({
    classes: [
      { id: 'c_car', name: 'car', color: '#ff0000', attributes: [{ id: 'a_parked', name: 'parked', type: 'checkbox' }, { id: 'a_doors', name: 'doors', type: 'number', default: 4 }] },
      { id: 'c_bike', name: 'bike', color: '#00ff00' },
    ],
  }),
  createdAt: 1,
  updatedAt: 1,
  schemaVersion: 1,
};
const item = (id: string, relPath: string, order: number): Item => ({
  id,
  projectId: 'p1',
  kind: 'image',
  relPath,
  width: 100,
  height: 50,
  sha256: '0'.repeat(64),
  phash: '0'.repeat(16),
  status: 'new',
  order,
});
const items = [item('i1', 'day/a.jpg', 0), item('i2', 'night/b.jpg', 1), item('i3', 'day/c.jpg', 2)];
const car = project.labelSchema.classes[0]!;
const bike = project.labelSchema.classes[1]!;

function shapes(): Map<string, Shape[]> {
  const later = createBoxShape({ projectId: 'p1', itemId: 'i1', cls: bike, box: { x: 50, y: 10, w: 5, h: 5 }, author: 'a', now: 20 });
  const earlier = createBoxShape({ projectId: 'p1', itemId: 'i1', cls: car, box: { x: 1.5, y: 2, w: 30, h: 20 }, author: 'a', now: 10, attributes: { a_parked: true } });
  const predicted = createBoxShape({ projectId: 'p1', itemId: 'i2', cls: car, box: { x: 0, y: 0, w: 10, h: 10 }, author: 'a', now: 5, source: { kind: 'model', modelId: 'yolo', score: 0.6 } });
  return new Map([
    ['i1', [later, earlier]],
    ['i2', [predicted]],
  ]);
}

describe('toDataset', () => {
  it('names classes and attributes, orders boxes by creation, and keeps images without shapes', () => {
    expect(toDataset(project, items, shapes())).toEqual({
      classes: ['car', 'bike'],
      images: [
        {
          fileName: 'day/a.jpg',
          width: 100,
          height: 50,
          boxes: [
            { className: 'car', box: { x: 1.5, y: 2, w: 30, h: 20 }, attributes: { parked: true, doors: 4 } },
            { className: 'bike', box: { x: 50, y: 10, w: 5, h: 5 } },
          ],
        },
        { fileName: 'night/b.jpg', width: 100, height: 50, boxes: [{ className: 'car', box: { x: 0, y: 0, w: 10, h: 10 }, attributes: { parked: false, doors: 4 }, score: 0.6 }] },
        { fileName: 'day/c.jpg', width: 100, height: 50, boxes: [] },
      ],
    });
  });

  it('refuses a shape whose class is not in the schema', () => {
    const orphan = { ...createBoxShape({ projectId: 'p1', itemId: 'i1', cls: bike, box: { x: 0, y: 0, w: 1, h: 1 }, author: 'a', now: 1 }), classId: 'gone' };
    expect(() => toDataset(project, items, new Map([['i1', [orphan]]]))).toThrow(/class id gone, which is not in the project's label schema/);
  });
});

describe('fromDataset', () => {
  it('round-trips the store through every format', () => {
    for (const format of Object.values(formats)) {
      const dataset = format.importDataset(format.exportDataset(toDataset(project, items, shapes())), importContextFor(items)).dataset;
      const { shapes: back, newClasses, warnings } = fromDataset(dataset, project, items, 'importer', 99);
      expect(newClasses).toEqual([]);
      expect(warnings.counts).toEqual({});
      expect(back.map((s) => [s.itemId, s.classId, s.box])).toEqual([
        ['i1', 'c_car', { x: 1.5, y: 2, w: 30, h: 20 }],
        ['i1', 'c_bike', { x: 50, y: 10, w: 5, h: 5 }],
        ['i2', 'c_car', { x: 0, y: 0, w: 10, h: 10 }],
      ]);
      expect(back.every((s) => s.author === 'importer' && s.createdAt === 99 && s.version === 0)).toBe(true);
    }
  });

  it('restores attributes by name and the model score where the format keeps them', () => {
    const dataset = formats.coco.importDataset(formats.coco.exportDataset(toDataset(project, items, shapes())), importContextFor(items)).dataset;
    const back = fromDataset(dataset, project, items, 'importer', 99).shapes;
    expect(back[0]!.attributes).toEqual({ a_parked: true, a_doors: 4 });
    expect(back[2]!.source).toEqual({ kind: 'model', modelId: IMPORTED_MODEL_ID, score: 0.6 });
  });

  it('matches images by unique base name and reports new classes, unmatched images and unfit attributes', () => {
    const result = fromDataset(
      {
        classes: ['car', 'truck'],
        images: [
          { fileName: 'elsewhere/b.jpg', width: 100, height: 50, boxes: [{ className: 'car', box: { x: 1, y: 1, w: 2, h: 2 }, attributes: { doors: '2', parked: 'maybe', wheels: 4 } }] },
          { fileName: 'x/zebra.jpg', width: 100, height: 50, boxes: [{ className: 'car', box: { x: 1, y: 1, w: 2, h: 2 } }] },
          { fileName: 'day/c.jpg', width: 100, height: 50, boxes: [{ className: 'truck', box: { x: 1, y: 1, w: 2, h: 2 } }, { className: 'car', box: { x: 1, y: 1, w: 2, h: 2 }, score: 3 }] },
        ],
      },
      project,
      items,
      'importer',
      99,
    );
    expect(result.newClasses).toEqual(['truck']);
    expect(result.shapes.map((s) => [s.itemId, s.attributes, s.source.kind])).toEqual([
      ['i2', { a_parked: false, a_doors: 2 }, 'human'],
      ['i3', { a_parked: false, a_doors: 4 }, 'human'],
    ]);
    expect(result.warnings.counts).toEqual({ attribute: 2, 'unknown-media': 1, 'value-changed': 1 });
    expect(result.warnings.examples.map((w) => `${w.file}${w.location ? ` ${w.location}` : ''}: ${w.message}`)).toEqual([
      'elsewhere/b.jpg box 1: attribute "parked" = "maybe" does not fit its type; the default was used',
      'elsewhere/b.jpg box 1: attribute "wheels" = 4 is not an attribute of class "car"; it was left out',
      'x/zebra.jpg: no item of this project has this name; its 1 box was skipped',
      'day/c.jpg box 2: score 3 is not between 0 and 1; imported as a human box',
    ]);
  });
});
