import { paletteColor, type LabelSchema } from '../../../core/model/labelSchema';
import { newId } from '../../../core/util/ids';

/** Class names typed as "car, person" or one per line; blanks dropped, duplicates reported. */
export function parseClassNames(text: string): { names: string[]; error: string | null } {
  const names = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return { names, error: `"${n}" is listed twice` };
    seen.add(n);
  }
  return { names, error: null };
}

/** A schema with one class per name, palette colours in order, no attributes (editable later). */
export function schemaFromNames(names: readonly string[]): LabelSchema {
  return { classes: names.map((name, i) => ({ id: newId('cls_'), name, color: paletteColor(i), attributes: [] })) };
}

/** The demo's ready-made schema, matching what its pictures show. */
export function demoSchema(): LabelSchema {
  return {
    classes: [
      { id: newId('cls_'), name: 'vehicle', color: '#e6194b', hotkey: 'q', attributes: [{ id: newId('att_'), name: 'occluded', type: 'checkbox', default: false }] },
      { id: newId('cls_'), name: 'sign', color: '#f5c400', hotkey: 'w', attributes: [{ id: newId('att_'), name: 'kind', type: 'select', options: ['stop', 'yield', 'other'], default: 'other' }] },
      { id: newId('cls_'), name: 'building', color: '#4363d8', hotkey: 'e', attributes: [] },
    ],
  };
}
