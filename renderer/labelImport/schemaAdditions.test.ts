import { describe, expect, it } from 'vitest';
import { LabelSchemaSchema } from '../../core/model/labelSchema';
import { withImportAdditions } from './schemaAdditions';

const schema = LabelSchemaSchema.parse({ classes: [{ id: 'c_car', name: 'car', color: '#ff0000', attributes: [{ id: 'a_doors', name: 'doors', type: 'number', default: 4 }] }] });

describe('withImportAdditions', () => {
  it('adds the new classes and declares the attributes on their classes, typed, with defaults', () => {
    const grown = withImportAdditions(schema, ['truck'], [
      { className: 'car', name: 'difficult', type: 'checkbox' },
      { className: 'car', name: 'doors', type: 'text' },
      { className: 'truck', name: 'occluded', type: 'checkbox' },
      { className: 'truck', name: 'pose', type: 'text' },
      { className: 'bus', name: 'seats', type: 'number' },
    ]);
    expect(LabelSchemaSchema.safeParse(grown).success).toBe(true);
    expect(grown.classes.map((c) => [c.name, c.attributes.map((a) => [a.name, a.type, 'default' in a ? a.default : undefined])])).toEqual([
      // "doors" is declared already: kept as it is, not doubled.
      ['car', [['doors', 'number', 4], ['difficult', 'checkbox', false]]],
      ['truck', [['occluded', 'checkbox', false], ['pose', 'text', '']]],
    ]);
    expect(grown.classes[0]!.id).toBe('c_car');
    expect(new Set(grown.classes.flatMap((c) => c.attributes.map((a) => a.id))).size).toBe(4);
  });
});
