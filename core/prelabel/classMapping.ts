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

export function isTextTask(task: string): boolean {
  return TEXT_TASKS.has(task);
}

/** The attribute that holds an OCR box's recognised text, and the one with its detected quadrilateral (JSON text). */
export const TEXT_ATTRIBUTE = 'text';
export const QUAD_ATTRIBUTE = 'quad';
const TEXT_ATTRIBUTE_NAMES = [TEXT_ATTRIBUTE, QUAD_ATTRIBUTE] as const;

const textSpec = (name: string): AttributeSpec => ({ id: newId('att_'), name, type: 'text', default: '' });
const hasAttribute = (cls: LabelClass, name: string) => cls.attributes.some((a) => a.name.toLowerCase() === name.toLowerCase());

/** The class's text attribute holding recognised text (named `text`, any case), if it has one. */
export function textAttributeOf(cls: LabelClass | undefined): Extract<AttributeSpec, { type: 'text' }> | undefined {
  const spec = cls?.attributes.find((a) => a.name.toLowerCase() === TEXT_ATTRIBUTE);
  return spec?.type === 'text' ? spec : undefined;
}

/**
 * Attributes a class made for a model class gets, so the model's attributes
 * have somewhere to land: OCR text boxes carry the read text and the
 * detected quadrilateral (as JSON text).
 */
export function attributesForModelClass(task: string): AttributeSpec[] {
  if (!isTextTask(task)) return [];
  return TEXT_ATTRIBUTE_NAMES.map(textSpec);
}

/** The schema with one class added per unknown model class name (palette colours continue). */
export function withModelClasses(schema: LabelSchema, names: readonly string[], task: string): LabelSchema {
  const start = schema.classes.length;
  const added: LabelClass[] = names.map((name, i) => ({ id: newId('cls_'), name, color: paletteColor(start + i), attributes: attributesForModelClass(task) }));
  return { classes: [...schema.classes, ...added] };
}

/** An attribute `withTextAttributes` added, for telling the user. */
export interface AddedAttribute {
  classId: string;
  className: string;
  attribute: string;
}

/**
 * Before an OCR-task model runs: every project class its class names map to
 * gets the `text` and `quad` text attributes it lacks (matched by name, any
 * case; existing attributes stay as they are), so the recognised text lands
 * on the shapes instead of being dropped. Other tasks leave the schema alone.
 * `added` lists what was added, so the change is never silent.
 */
export function withTextAttributes(schema: LabelSchema, modelClasses: readonly string[], task: string): { schema: LabelSchema; added: AddedAttribute[] } {
  if (!isTextTask(task)) return { schema, added: [] };
  const lookup = classIdByModelName(schema);
  const targets = new Set(modelClasses.map(lookup).filter((id): id is string => id !== null));
  const added: AddedAttribute[] = [];
  const classes = schema.classes.map((cls) => {
    if (!targets.has(cls.id)) return cls;
    const missing = TEXT_ATTRIBUTE_NAMES.filter((name) => !hasAttribute(cls, name));
    if (missing.length === 0) return cls;
    for (const attribute of missing) added.push({ classId: cls.id, className: cls.name, attribute });
    return { ...cls, attributes: [...cls.attributes, ...missing.map(textSpec)] };
  });
  return { schema: added.length > 0 ? { ...schema, classes } : schema, added };
}

const WHAT_IT_HOLDS: Record<string, string> = { [TEXT_ATTRIBUTE]: 'that holds the recognised text', [QUAD_ATTRIBUTE]: 'with the detected outline' };

/**
 * What to tell the user after `withTextAttributes` added attributes, or null
 * when it added none: one sentence per set of classes, e.g. "Class “text”
 * now has a “text” attribute that holds the recognised text, and a “quad”
 * attribute with the detected outline."
 */
export function describeAddedTextAttributes(added: readonly AddedAttribute[]): string | null {
  const classesOf = (attribute: string) => [...new Set(added.filter((a) => a.attribute === attribute).map((a) => `“${a.className}”`))];
  const groups = new Map<string, string[]>();
  for (const attribute of TEXT_ATTRIBUTE_NAMES) {
    const classes = classesOf(attribute);
    if (classes.length === 0) continue;
    const key = classes.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), `a “${attribute}” attribute ${WHAT_IT_HOLDS[attribute]}`]);
  }
  if (groups.size === 0) return null;
  return [...groups]
    .map(([classes, what]) => `${classes.includes(',') ? `Classes ${classes} now have` : `Class ${classes} now has`} ${what.join(', and ')}.`)
    .join(' ');
}

/**
 * A prediction's attributes (by name: exact, then any case) as shape
 * attributes (by id) of `cls`: only attributes the class declares, coerced
 * to their type; the rest stay in the run record only.
 */
export function shapeAttributesFor(cls: LabelClass, predicted: Record<string, AttributeValue>, base: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const out = { ...base };
  const folded = new Map(Object.entries(predicted).map(([name, value]) => [name.toLowerCase(), value] as const));
  for (const spec of cls.attributes) {
    const value = predicted[spec.name] ?? folded.get(spec.name.toLowerCase());
    if (value === undefined) continue;
    if (spec.type === 'text') out[spec.id] = String(value);
    else if (spec.type === 'number' && typeof value === 'number' && Number.isFinite(value)) out[spec.id] = value;
    else if (spec.type === 'checkbox' && typeof value === 'boolean') out[spec.id] = value;
    else if (spec.type === 'select' && typeof value === 'string' && spec.options.includes(value)) out[spec.id] = value;
  }
  return out;
}
