import type { AttributeValue, LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import type { CanonicalShape } from './canonicalLabels';

/**
 * A project's shapes in the form a batch carries: class and attribute ids
 * (local to the project) replaced by their names. A shape whose class is not
 * in the schema is an error, not silently dropped, because the signed batch
 * would otherwise say less than the annotator drew.
 */
export function toCanonicalShapes(shapes: readonly Shape[], schema: LabelSchema): CanonicalShape[] {
  const classes = new Map(schema.classes.map((c) => [c.id, c]));
  return shapes.map((shape) => {
    const cls = classes.get(shape.classId);
    if (!cls) throw new Error(`shape ${shape.id} has class id "${shape.classId}", which the label schema does not define`);
    const attributeNames = new Map(cls.attributes.map((a) => [a.id, a.name]));
    const attributes: Record<string, AttributeValue> = {};
    for (const [id, value] of Object.entries(shape.attributes ?? {})) {
      const name = attributeNames.get(id);
      if (name === undefined) throw new Error(`shape ${shape.id} has attribute "${id}", which class "${cls.name}" does not define`);
      if (name in attributes) throw new Error(`class "${cls.name}" has two attributes named "${name}"`);
      attributes[name] = value;
    }
    const out: CanonicalShape = { className: cls.name, box: { ...shape.box } };
    if (Object.keys(attributes).length > 0) out.attributes = attributes;
    return out;
  });
}
