import type { AttributeValue, LabelClass, LabelSchema } from '../../core/model/labelSchema';
import { defaultAttributes } from '../../core/model/labelSchema';
import type { Item } from '../../core/model/item';
import type { Box, Shape } from '../../core/model/shape';
import { newId } from '../../core/util/ids';

/** Who and when, stamped on every shape the editor writes. */
export interface EditStamp {
  author: string;
  now: number;
}

export function newBoxShape(item: Item, cls: LabelClass, box: Box, stamp: EditStamp): Shape {
  return {
    id: newId('shp_'),
    projectId: item.projectId,
    itemId: item.id,
    kind: 'box',
    classId: cls.id,
    box,
    attributes: defaultAttributes(cls),
    source: { kind: 'human' },
    author: stamp.author,
    createdAt: stamp.now,
    updatedAt: stamp.now,
    version: 1,
  };
}

/** The next version of a shape after a user edit. */
export function edited(shape: Shape, patch: Partial<Pick<Shape, 'box' | 'classId' | 'attributes'>>, stamp: EditStamp): Shape {
  return { ...shape, ...patch, author: stamp.author, updatedAt: stamp.now, version: shape.version + 1 };
}

export class AttributeError extends Error {
  override name = 'AttributeError';
}

/** Checks values against the class's attribute specs; throws naming the attribute. */
export function validateAttributes(cls: LabelClass, values: Record<string, AttributeValue>): void {
  for (const [id, value] of Object.entries(values)) {
    const spec = cls.attributes.find((a) => a.id === id);
    const where = `class "${cls.name}", attribute "${spec?.name ?? id}"`;
    if (!spec) throw new AttributeError(`${where}: the class has no such attribute`);
    switch (spec.type) {
      case 'text':
        if (typeof value !== 'string') throw new AttributeError(`${where}: expected text`);
        break;
      case 'checkbox':
        if (typeof value !== 'boolean') throw new AttributeError(`${where}: expected true or false`);
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new AttributeError(`${where}: expected a number`);
        if (spec.min !== undefined && value < spec.min) throw new AttributeError(`${where}: ${value} is below the minimum ${spec.min}`);
        if (spec.max !== undefined && value > spec.max) throw new AttributeError(`${where}: ${value} is above the maximum ${spec.max}`);
        break;
      case 'select':
        if (typeof value !== 'string' || !spec.options.includes(value)) throw new AttributeError(`${where}: "${String(value)}" is not one of ${spec.options.join(', ')}`);
        break;
    }
  }
}

/** A class change keeps attribute values the new class also has, and fills the rest with its defaults. */
export function attributesForClass(cls: LabelClass, previous: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const out = defaultAttributes(cls);
  for (const a of cls.attributes) {
    const v = previous[a.id];
    if (v === undefined) continue;
    try {
      validateAttributes(cls, { [a.id]: v });
      out[a.id] = v;
    } catch {
      // Incompatible old value: the default stands.
    }
  }
  return out;
}

export function classById(schema: LabelSchema, id: string | null): LabelClass | undefined {
  return id === null ? undefined : schema.classes.find((c) => c.id === id);
}
