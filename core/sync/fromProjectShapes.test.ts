import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../model/labelSchema';
import { createBoxShape } from '../model/shapeFactory';
import { vehicleClass } from '../model/testClasses';
import { canonicalItemLabels } from './canonicalLabels';
import { toCanonicalShapes } from './fromProjectShapes';

const car = vehicleClass();
const person = { ...car, id: 'cls_person', name: 'person', attributes: [] };
const schema: LabelSchema = { classes: [car, person] };

function boxShape(cls: typeof car, x: number, attributes?: Record<string, string | number | boolean>) {
  return createBoxShape({ projectId: 'p', itemId: 'i', cls, box: { x, y: 0, w: 10, h: 10 }, author: 'me', now: 1, attributes });
}

describe('toCanonicalShapes', () => {
  it('names classes and attributes, so two projects with different ids hash the same labels alike', () => {
    const shapes = toCanonicalShapes([boxShape(car, 5, { a_plate: 'AB-1' }), boxShape(person, 1)], schema);
    expect(shapes).toEqual([
      { className: 'car', box: { x: 5, y: 0, w: 10, h: 10 }, attributes: { plate: 'AB-1', doors: 4, colour: 'red', parked: false } },
      { className: 'person', box: { x: 1, y: 0, w: 10, h: 10 } },
    ]);
    const renamedIds: LabelSchema = { classes: [{ ...car, id: 'other', attributes: car.attributes.map((a) => ({ ...a, id: `x_${a.id}` })) }] };
    const elsewhere = { ...boxShape(car, 5), classId: 'other', attributes: { x_a_plate: 'AB-1', x_a_doors: 4, x_a_colour: 'red', x_a_parked: false } };
    expect(canonicalItemLabels('i', toCanonicalShapes([elsewhere], renamedIds))).toBe(canonicalItemLabels('i', shapes.slice(0, 1)));
  });

  it('refuses a class or attribute the schema does not define', () => {
    expect(() => toCanonicalShapes([{ ...boxShape(person, 0), classId: 'gone' }], schema)).toThrow('class id "gone"');
    expect(() => toCanonicalShapes([{ ...boxShape(person, 0), attributes: { a_x: 1 } }], schema)).toThrow('attribute "a_x"');
  });

  it('keeps the frame of a single-frame box of a video item', () => {
    expect(toCanonicalShapes([{ ...boxShape(person, 1), frame: 7 }], schema)).toEqual([{ className: 'person', box: { x: 1, y: 0, w: 10, h: 10 }, frame: 7 }]);
  });
});
