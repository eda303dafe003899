import type { LabelSchema } from '../../core/model/labelSchema';

/** Drawn for shapes whose class is gone from the schema, so they stay visible and fixable. */
export const UNKNOWN_CLASS_COLOR = '#9aa0a6';

export function classColorLookup(schema: LabelSchema): (classId: string) => string {
  const colors = new Map(schema.classes.map((c) => [c.id, c.color] as const));
  return (classId) => colors.get(classId) ?? UNKNOWN_CLASS_COLOR;
}
