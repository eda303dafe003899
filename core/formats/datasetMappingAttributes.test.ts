import { describe, expect, it } from 'vitest';
import type { Item } from '../model/item';
import { LabelSchemaSchema } from '../model/labelSchema';
import type { Project } from '../model/project';
import { fromDataset } from './datasetMapping';
import type { DatasetBox, LabelDataset } from './types';

const schema = LabelSchemaSchema.parse({ classes: [{ id: 'c_car', name: 'car', color: '#ff0000', attributes: [{ id: 'a_doors', name: 'doors', type: 'number', default: 4 }] }] });
const project: Project = { id: 'p1', name: 'Streets', rootId: 'r1', rootPath: '/data', labelSchema: schema, createdAt: 1, updatedAt: 1, schemaVersion: 1 };
const items: Item[] = [{ id: 'i1', projectId: 'p1', kind: 'image', relPath: 'a.jpg', width: 100, height: 50, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 }];
const box = (className: string, attributes?: DatasetBox['attributes']): DatasetBox => ({ className, box: { x: 1, y: 1, w: 5, h: 5 }, ...(attributes ? { attributes } : {}) });
const dataset = (fileName: string, boxes: DatasetBox[]): LabelDataset => ({ classes: [], images: [{ fileName, width: 100, height: 50, boxes }] });

describe('fromDataset: attributes the schema lacks', () => {
  it('lists them once per class with the type their values suggest, and warns that their values are left out', () => {
    const result = fromDataset(
      dataset('a.jpg', [
        box('car', { difficult: true, truncated: 1, pose: 'Left', doors: 2 }),
        box('car', { difficult: false, truncated: 0, pose: 'Frontal' }),
        box('car', { note: 3 }),
        box('car', { note: 'n/a' }),
      ]),
      project,
      items,
      'me',
      1,
    );
    expect(result.newAttributes).toEqual([
      { className: 'car', name: 'difficult', type: 'checkbox' },
      { className: 'car', name: 'truncated', type: 'number' },
      { className: 'car', name: 'pose', type: 'text' },
      // A number and a string: only text holds both.
      { className: 'car', name: 'note', type: 'text' },
    ]);
    expect(result.shapes.map((s) => s.attributes)).toEqual([{ a_doors: 2 }, { a_doors: 4 }, { a_doors: 4 }, { a_doors: 4 }]);
    expect(result.warnings.counts).toEqual({ attribute: 8 });
    // Counted every time, but only the first few kept as examples.
    expect(result.warnings.examples).toHaveLength(5);
    expect(result.warnings.examples[0]).toEqual({ kind: 'attribute', file: 'a.jpg', location: 'box 1', message: 'attribute "difficult" = true is not an attribute of class "car"; it was left out' });
  });

  it('lists the attributes of boxes whose class is new, so adding the class can add them', () => {
    const result = fromDataset(dataset('a.jpg', [box('truck', { occluded: true })]), project, items, 'me', 1);
    expect(result.newClasses).toEqual(['truck']);
    expect(result.newClassBoxes).toBe(1);
    expect(result.newAttributes).toEqual([{ className: 'truck', name: 'occluded', type: 'checkbox' }]);
    expect(result.warnings.counts).toEqual({});
  });

  it('keeps the values once the class declares the attribute', () => {
    const withDifficult = LabelSchemaSchema.parse({
      classes: [{ ...project.labelSchema.classes[0]!, attributes: [...project.labelSchema.classes[0]!.attributes, { id: 'a_diff', name: 'difficult', type: 'checkbox' }] }],
    });
    const result = fromDataset(dataset('a.jpg', [box('car', { difficult: true })]), { ...project, labelSchema: withDifficult }, items, 'me', 1);
    expect(result.newAttributes).toEqual([]);
    expect(result.shapes[0]!.attributes).toEqual({ a_doors: 4, a_diff: true });
    expect(result.warnings.counts).toEqual({});
  });

  it('counts unmatched images as unknown media and matched ones once', () => {
    const result = fromDataset(
      { classes: [], images: [{ fileName: 'a.jpg', width: 100, height: 50, boxes: [box('car')] }, { fileName: 'sub/a.jpg', width: 100, height: 50, boxes: [] }, { fileName: 'zebra.jpg', width: 100, height: 50, boxes: [box('car'), box('car')] }] },
      project,
      items,
      'me',
      1,
    );
    expect(result.matchedImages).toBe(1);
    expect(result.warnings.counts).toEqual({ 'unknown-media': 1 });
    expect(result.warnings.examples[0]).toMatchObject({ kind: 'unknown-media', file: 'zebra.jpg', message: 'no item of this project has this name; its 2 boxes were skipped' });
  });
});
