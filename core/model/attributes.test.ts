import { describe, expect, it } from 'vitest';
import { coerceAttributeValue, validateAttributes } from './attributes';
import { defaultAttributes } from './labelSchema';
import { vehicleClass } from './testClasses';

const cls = vehicleClass();
const spec = (name: string) => cls.attributes.find((a) => a.name === name)!;

describe('validateAttributes', () => {
  it('accepts the class defaults', () => {
    expect(defaultAttributes(cls)).toEqual({ a_plate: '', a_doors: 4, a_colour: 'red', a_parked: false });
    expect(validateAttributes(cls, defaultAttributes(cls))).toEqual([]);
  });

  it('names each wrong, missing and unknown value', () => {
    const problems = validateAttributes(cls, { a_plate: 7, a_doors: 9, a_colour: 'green', x: true });
    expect(problems).toEqual([
      { attributeId: 'a_plate', message: 'plate: expected text, got 7' },
      { attributeId: 'a_doors', message: 'doors: 9 is above the maximum 5' },
      { attributeId: 'a_colour', message: 'colour: "green" is not one of red, blue' },
      { attributeId: 'a_parked', message: 'parked: missing value' },
      { attributeId: 'x', message: 'class "car" has no attribute "x"' },
    ]);
  });

  it('checks minimum, number and checkbox types', () => {
    const base = defaultAttributes(cls);
    expect(validateAttributes(cls, { ...base, a_doors: 1 })[0]!.message).toBe('doors: 1 is below the minimum 2');
    expect(validateAttributes(cls, { ...base, a_doors: '3' })[0]!.message).toBe('doors: expected a number, got "3"');
    expect(validateAttributes(cls, { ...base, a_parked: 'yes' })[0]!.message).toBe('parked: expected true or false, got "yes"');
  });
});

describe('coerceAttributeValue', () => {
  it('reads text into numbers and booleans when unambiguous', () => {
    expect(coerceAttributeValue(spec('doors'), '3')).toBe(3);
    expect(coerceAttributeValue(spec('parked'), 'true')).toBe(true);
    expect(coerceAttributeValue(spec('plate'), 42)).toBe('42');
    expect(coerceAttributeValue(spec('colour'), 'blue')).toBe('blue');
  });

  it('gives up on values that do not fit', () => {
    expect(coerceAttributeValue(spec('doors'), 'many')).toBeUndefined();
    expect(coerceAttributeValue(spec('doors'), '')).toBeUndefined();
    expect(coerceAttributeValue(spec('doors'), 7)).toBeUndefined();
    expect(coerceAttributeValue(spec('parked'), 'yes')).toBeUndefined();
    expect(coerceAttributeValue(spec('colour'), 'green')).toBeUndefined();
  });
});
