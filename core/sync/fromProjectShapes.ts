import type { AttributeValue, LabelClass, LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import type { CanonicalShape } from './canonicalLabels';

/**
 * The class of a record (shape, track, frame tag) by its project-local id, or
 * an error naming the record: a label whose class the schema does not define
 * is never silently dropped, the signed batch would say less than was drawn.
 */
export function classOf(classes: ReadonlyMap<string, LabelClass>, classId: string, what: string): LabelClass {
  const cls = classes.get(classId);
  if (!cls) throw new Error(`${what} has class id "${classId}", which the label schema does not define`);
  return cls;
}

/** Attribute values keyed by the class's attribute NAMES instead of its ids; an unknown id is an error naming the record. */
export function namedAttributes(cls: LabelClass, values: Record<string, AttributeValue> | undefined, what: string): Record<string, AttributeValue> | undefined {
  const attributeNames = new Map(cls.attributes.map((a) => [a.id, a.name]));
  const attributes: Record<string, AttributeValue> = {};
  for (const [id, value] of Object.entries(values ?? {})) {
    const name = attributeNames.get(id);
    if (name === undefined) throw new Error(`${what} has attribute "${id}", which class "${cls.name}" does not define`);
    if (name in attributes) throw new Error(`class "${cls.name}" has two attributes named "${name}"`);
    attributes[name] = value;
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/**
 * A project's shapes in the form a batch carries: class and attribute ids
 * (local to the project) replaced by their names. A shape whose class is not
 * in the schema is an error, not silently dropped, because the signed batch
 * would otherwise say less than the annotator drew. A video item's
 * single-frame boxes keep their frame.
 */
export function toCanonicalShapes(shapes: readonly Shape[], schema: LabelSchema): CanonicalShape[] {
  const classes = new Map(schema.classes.map((c) => [c.id, c]));
  return shapes.map((shape) => {
    const what = `shape ${shape.id}`;
    const cls = classOf(classes, shape.classId, what);
    const out: CanonicalShape = { className: cls.name, box: { ...shape.box } };
    const attributes = namedAttributes(cls, shape.attributes, what);
    if (attributes) out.attributes = attributes;
    if (shape.frame !== undefined) out.frame = shape.frame;
    return out;
  });
}
