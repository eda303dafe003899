import { describe, expect, it } from 'vitest';
import { LabelSchemaSchema } from '../../../core/model/labelSchema';
import { demoSchema, parseClassNames, schemaFromNames } from './quickSchema';

describe('quick class entry', () => {
  it('splits on commas and newlines and drops blanks', () => {
    expect(parseClassNames(' car, person\nbicycle ,, ')).toEqual({ names: ['car', 'person', 'bicycle'], error: null });
  });

  it('reports a name given twice', () => {
    expect(parseClassNames('car, car').error).toBe('"car" is listed twice');
  });

  it('makes a valid schema with distinct colours, and the demo schema is valid too', () => {
    const schema = schemaFromNames(['car', 'person']);
    expect(LabelSchemaSchema.parse(schema).classes.map((c) => c.name)).toEqual(['car', 'person']);
    expect(schema.classes[0]!.color).not.toBe(schema.classes[1]!.color);
    expect(LabelSchemaSchema.safeParse(demoSchema()).success).toBe(true);
    expect(demoSchema().classes).toHaveLength(3);
  });
});
