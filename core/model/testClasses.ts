import { LabelClassSchema, type LabelClass } from './labelSchema';

/** A class with one attribute of every type, parsed through the schema so defaults apply as in the app. */
export function vehicleClass(): LabelClass {
  return LabelClassSchema.parse({
    id: 'cls_car',
    name: 'car',
    color: '#ff0000',
    attributes: [
      { id: 'a_plate', name: 'plate', type: 'text' },
      { id: 'a_doors', name: 'doors', type: 'number', default: 4, min: 2, max: 5 },
      { id: 'a_colour', name: 'colour', type: 'select', options: ['red', 'blue'] },
      { id: 'a_parked', name: 'parked', type: 'checkbox' },
    ],
  });
}
