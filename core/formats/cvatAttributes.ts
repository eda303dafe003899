import type { AttributeValue } from '../model/labelSchema';
import { FormatError } from './formatError';
import { parseNumber } from './shared/numbers';
import { el, type XmlNode } from './shared/xmlWriter';
import type { DatasetBox } from './types';

/** CVAT's attribute input types that decide how a value's text is read back. */
export type CvatInputType = 'checkbox' | 'number' | 'text' | 'select' | 'radio';

/**
 * CVAT wants every attribute declared on its label. The dataset carries only
 * values, so each attribute is declared by the type of the values it has:
 * all booleans → checkbox, all numbers → number (range spanning the values),
 * anything else → text. Import uses the declaration to restore the type.
 */
export function declareAttributes(boxes: DatasetBox[]): XmlNode[] {
  const valuesByName = new Map<string, AttributeValue[]>();
  for (const b of boxes) {
    for (const [name, value] of Object.entries(b.attributes ?? {})) {
      const list = valuesByName.get(name);
      if (list) list.push(value);
      else valuesByName.set(name, [value]);
    }
  }
  return [...valuesByName.entries()].map(([name, values]) => {
    const [inputType, defaultValue, spec] = declaration(values);
    return el('attribute', [el('name', name), el('mutable', 'False'), el('input_type', inputType), el('default_value', defaultValue), el('values', spec)]);
  });
}

function declaration(values: AttributeValue[]): [CvatInputType, string, string] {
  if (values.every((v) => typeof v === 'boolean')) return ['checkbox', 'false', 'false'];
  if (values.every((v) => typeof v === 'number')) {
    const nums = values as number[];
    const step = nums.every(Number.isInteger) ? 1 : 0.01;
    const min = Math.floor(Math.min(...nums));
    return ['number', String(min), `${min};${Math.ceil(Math.max(...nums))};${step}`];
  }
  return ['text', '', ''];
}

/** Reads an attribute's text as its declared type; undeclared attributes stay text. */
export function readAttributeValue(file: string, location: string, name: string, text: string, inputType: CvatInputType | undefined): AttributeValue {
  if (inputType === 'checkbox') {
    const t = text.toLowerCase();
    if (t === 'true' || t === 'false') return t === 'true';
    throw new FormatError(file, location, `attribute "${name}" is a checkbox, but its value is "${text}" (expected true or false)`);
  }
  if (inputType === 'number') {
    const n = parseNumber(text);
    if (n === undefined) throw new FormatError(file, location, `attribute "${name}" is a number, but its value is "${text}"`);
    return n;
  }
  return text;
}
