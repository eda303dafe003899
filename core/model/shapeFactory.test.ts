import { describe, expect, it } from 'vitest';
import { LabelClassSchema } from './labelSchema';
import { ShapeSchema } from './shape';
import { changeShapeClass, createBoxShape, updateShape } from './shapeFactory';
import { vehicleClass } from './testClasses';

const base = { projectId: 'p1', itemId: 'i1', cls: vehicleClass(), box: { x: 1, y: 2, w: 3, h: 4 }, author: 'ann', now: 1000 };

describe('createBoxShape', () => {
  it('makes a valid human box with the class defaults, timestamps and version 0', () => {
    const shape = createBoxShape(base);
    expect(ShapeSchema.parse(shape)).toEqual(shape);
    expect(shape).toMatchObject({
      kind: 'box',
      classId: 'cls_car',
      box: { x: 1, y: 2, w: 3, h: 4 },
      attributes: { a_plate: '', a_doors: 4, a_colour: 'red', a_parked: false },
      source: { kind: 'human' },
      author: 'ann',
      createdAt: 1000,
      updatedAt: 1000,
      version: 0,
    });
  });

  it('gives every shape a new id', () => {
    expect(createBoxShape(base).id).not.toBe(createBoxShape(base).id);
  });

  it('takes given attribute values and a model source', () => {
    const shape = createBoxShape({ ...base, attributes: { a_doors: 2 }, source: { kind: 'model', modelId: 'yolo', score: 0.9 } });
    expect(shape.attributes.a_doors).toBe(2);
    expect(shape.source).toEqual({ kind: 'model', modelId: 'yolo', score: 0.9 });
  });

  it('refuses invalid boxes and attributes', () => {
    expect(() => createBoxShape({ ...base, box: { x: 0, y: 0, w: -1, h: 1 } })).toThrow(/invalid box/);
    expect(() => createBoxShape({ ...base, box: { x: NaN, y: 0, w: 1, h: 1 } })).toThrow(/invalid box/);
    expect(() => createBoxShape({ ...base, attributes: { a_colour: 'green' } })).toThrow(/invalid attributes for class "car": colour: "green" is not one of red, blue/);
  });
});

describe('updateShape', () => {
  it('applies the patch, records author and time, bumps the version and keeps the rest', () => {
    const shape = createBoxShape(base);
    const moved = updateShape(shape, { box: { x: 5, y: 5, w: 3, h: 4 } }, 'rev', 2000);
    expect(moved).toEqual({ ...shape, box: { x: 5, y: 5, w: 3, h: 4 }, author: 'rev', updatedAt: 2000, version: 1 });
    expect(updateShape(moved, { attributes: { ...moved.attributes, a_parked: true } }, 'rev', 3000)).toMatchObject({ version: 2, updatedAt: 3000 });
    expect(shape.version).toBe(0);
  });

  it('refuses an invalid box', () => {
    expect(() => updateShape(createBoxShape(base), { box: { x: 0, y: 0, w: 1, h: -2 } }, 'a', 1)).toThrow(/invalid box/);
  });
});

describe('changeShapeClass', () => {
  it('keeps values the new class accepts under the same id and defaults the rest', () => {
    const truck = LabelClassSchema.parse({
      id: 'cls_truck',
      name: 'truck',
      color: '#00ff00',
      attributes: [
        { id: 'a_doors', name: 'doors', type: 'number', default: 2, max: 3 },
        { id: 'a_parked', name: 'parked', type: 'checkbox' },
        { id: 'a_load', name: 'load', type: 'text', default: 'empty' },
      ],
    });
    const shape = createBoxShape({ ...base, attributes: { a_doors: 5, a_parked: true } });
    const changed = changeShapeClass(shape, truck, 'ann', 2000);
    expect(changed.classId).toBe('cls_truck');
    expect(changed.attributes).toEqual({ a_doors: 2, a_parked: true, a_load: 'empty' });
    expect(changed.version).toBe(1);
  });
});
