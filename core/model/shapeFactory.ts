import { newId } from '../util/ids';
import { validateAttributes } from './attributes';
import { defaultAttributes, type AttributeValue, type LabelClass } from './labelSchema';
import { BoxSchema, type Box, type Shape, type ShapeSource } from './shape';

export interface NewBoxShape {
  projectId: string;
  itemId: string;
  cls: LabelClass;
  box: Box;
  author: string;
  now: number;
  /** Values that differ from the class defaults (keys are attribute ids). */
  attributes?: Record<string, AttributeValue>;
  /** Human unless a model proposed the box. */
  source?: ShapeSource;
}

/** A new box shape: fresh id, the class's default attributes, both timestamps `now`, version 0. */
export function createBoxShape(input: NewBoxShape): Shape {
  const box = checkedBox(input.box);
  const attributes = { ...defaultAttributes(input.cls), ...input.attributes };
  assertAttributes(input.cls, attributes);
  return {
    id: newId('shp_'),
    projectId: input.projectId,
    itemId: input.itemId,
    kind: 'box',
    classId: input.cls.id,
    box,
    attributes,
    source: input.source ?? { kind: 'human' },
    author: input.author,
    createdAt: input.now,
    updatedAt: input.now,
    version: 0,
  };
}

export type ShapePatch = Partial<Pick<Shape, 'box' | 'classId' | 'attributes' | 'source'>>;

/**
 * The shape after a committed change: the patch applied, the author and time
 * of the change recorded, and the version bumped so sync can spot stale writes.
 */
export function updateShape(shape: Shape, patch: ShapePatch, author: string, now: number): Shape {
  return {
    ...shape,
    ...patch,
    ...(patch.box ? { box: checkedBox(patch.box) } : {}),
    author,
    updatedAt: now,
    version: shape.version + 1,
  };
}

/**
 * Moves a shape to another class. Attribute ids belong to a class, so values
 * carry over only where the new class has the same attribute id with a valid
 * value; the rest take the new class's defaults.
 */
export function changeShapeClass(shape: Shape, cls: LabelClass, author: string, now: number): Shape {
  const attributes = defaultAttributes(cls);
  for (const spec of cls.attributes) {
    const old = shape.attributes[spec.id];
    if (old !== undefined && validateAttributes({ ...cls, attributes: [spec] }, { [spec.id]: old }).length === 0) attributes[spec.id] = old;
  }
  return updateShape(shape, { classId: cls.id, attributes }, author, now);
}

function checkedBox(box: Box): Box {
  const parsed = BoxSchema.safeParse(box);
  if (!parsed.success) throw new Error(`invalid box ${JSON.stringify(box)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

function assertAttributes(cls: LabelClass, values: Record<string, AttributeValue>): void {
  const problems = validateAttributes(cls, values);
  if (problems.length > 0) throw new Error(`invalid attributes for class "${cls.name}": ${problems.map((p) => p.message).join('; ')}`);
}
