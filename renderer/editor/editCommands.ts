import type { AttributeValue, LabelSchema } from '../../core/model/labelSchema';
import type { Shape } from '../../core/model/shape';
import type { ImageSize } from './boxMath';
import { clampMove, moveBox } from './boxMath';
import { attributesForClass, classById, edited, validateAttributes, AttributeError, type EditStamp } from './shapeEdits';
import type { ShapeChange } from '../document/shapeChange';
import { deleteLabel } from './prelabel/reviewCommands';

/**
 * Builders for the editor's one-step commands. Each returns the change to
 * commit (with its undo label), or null when there is nothing to do.
 */
export type LabeledChange = { change: ShapeChange; label: string } | null;

function plural(n: number, what: string): string {
  return n === 1 ? `${what}` : `${n} ${what}es`;
}

export function deleteChange(selected: readonly Shape[]): LabeledChange {
  if (selected.length === 0) return null;
  return { change: { put: [], remove: selected.map((s) => s.id) }, label: deleteLabel(selected) ?? `Delete ${plural(selected.length, 'box')}` };
}

export function setClassChange(selected: readonly Shape[], schema: LabelSchema, classId: string, stamp: EditStamp): LabeledChange {
  const cls = classById(schema, classId);
  if (!cls) throw new AttributeError(`class "${classId}" is not in the label schema`);
  const put = selected.filter((s) => s.classId !== classId).map((s) => edited(s, { classId, attributes: attributesForClass(cls, s.attributes) }, stamp));
  return put.length ? { change: { put, remove: [] }, label: `Set class ${cls.name}` } : null;
}

export function nudgeChange(selected: readonly Shape[], dx: number, dy: number, image: ImageSize, stamp: EditStamp): LabeledChange {
  const d = clampMove(selected.map((s) => s.box), dx, dy, image);
  if (selected.length === 0 || (d.dx === 0 && d.dy === 0)) return null;
  return { change: { put: selected.map((s) => edited(s, { box: moveBox(s.box, d.dx, d.dy) }, stamp)), remove: [] }, label: 'Nudge' };
}

export function attributesChange(shape: Shape, schema: LabelSchema, values: Record<string, AttributeValue>, stamp: EditStamp): LabeledChange {
  const cls = classById(schema, shape.classId);
  if (!cls) throw new AttributeError(`shape ${shape.id}: class "${shape.classId}" is not in the label schema`);
  validateAttributes(cls, values);
  const attributes = { ...shape.attributes, ...values };
  if (Object.entries(values).every(([k, v]) => shape.attributes[k] === v)) return null;
  return { change: { put: [edited(shape, { attributes }, stamp)], remove: [] }, label: 'Edit attributes' };
}
