import { paletteColor, type AttributeSpec, type AttributeValue, type LabelClass, type LabelSchema } from '../model/labelSchema';
import { newId } from '../util/ids';

/**
 * Model classes map to project classes by NAME (exact, then case-insensitive),
 * never by index: a project's class order is the annotator's, not the model's.
 */
export function classIdByModelName(schema: LabelSchema): (className: string) => string | null {
  const exact = new Map(schema.classes.map((c) => [c.name, c.id]));
  const folded = new Map<string, string>();
  for (const c of schema.classes) if (!folded.has(c.name.toLowerCase())) folded.set(c.name.toLowerCase(), c.id);
  return (name) => exact.get(name) ?? folded.get(name.toLowerCase()) ?? null;
}

/** Model class names the project has no class for, in the model's order. */
export function unknownModelClasses(schema: LabelSchema, modelClasses: readonly string[]): string[] {
  const lookup = classIdByModelName(schema);
  return [...new Set(modelClasses)].filter((name) => lookup(name) === null);
}

/** Tasks whose predictions carry OCR attributes. */
const TEXT_TASKS = new Set(['ocr', 'text-detect', 'text-recognize']);

/**
 * Attributes a class made for a model class gets, so the model's attributes
 * have somewhere to land: OCR text boxes carry the read text and the
 * detected quadrilateral (as JSON text).
 */
export function attributesForModelClass(task: string): AttributeSpec[] {
  if (!TEXT_TASKS.has(task)) return [];
  return [
    { id: newId('att_'), name: 'text', type: 'text', default: '' },
    { id: newId('att_'), name: 'quad', type: 'text', default: '' },
  ];
}

/** The schema with one class added per unknown model class name (palette colours continue). */
export function withModelClasses(schema: LabelSchema, names: readonly string[], task: string): LabelSchema {
  const start = schema.classes.length;
  const added: LabelClass[] = names.map((name, i) => ({ id: newId('cls_'), name, color: paletteColor(start + i), attributes: attributesForModelClass(task) }));
  return { classes: [...schema.classes, ...added] };
}

/**
 * A prediction's attributes (by name) as shape attributes (by id) of `cls`:
 * only attributes the class declares, coerced to their type; the rest stay
 * in the run record only.
 */
export function shapeAttributesFor(cls: LabelClass, predicted: Record<string, AttributeValue>, base: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const out = { ...base };
  for (const spec of cls.attributes) {
    const value = predicted[spec.name];
    if (value === undefined) continue;
    if (spec.type === 'text') out[spec.id] = String(value);
    else if (spec.type === 'number' && typeof value === 'number' && Number.isFinite(value)) out[spec.id] = value;
    else if (spec.type === 'checkbox' && typeof value === 'boolean') out[spec.id] = value;
    else if (spec.type === 'select' && typeof value === 'string' && spec.options.includes(value)) out[spec.id] = value;
  }
  return out;
}
