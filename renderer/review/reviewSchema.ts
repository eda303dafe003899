import { LabelSchemaSchema, type LabelClass, type LabelSchema } from '../../core/model/labelSchema';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';

/** Colours for classes the task's schema does not list (a hub that sent no schema). */
const FALLBACK_COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c'];

/**
 * The classes a reviewer can pick: the task's label schema when the hub sent
 * one, plus every class name an annotator used that it lacks (so nothing
 * submitted is unshowable). Class ids are irrelevant off the workstation:
 * verdicts carry class names.
 */
export function reviewLabelSchema(dispute: Pick<Dispute, 'submissions' | 'labelSchema'>): LabelSchema {
  const parsed = LabelSchemaSchema.safeParse(dispute.labelSchema);
  const classes: LabelClass[] = parsed.success ? [...parsed.data.classes] : [];
  const known = new Set(classes.map((c) => c.name));
  for (const submission of dispute.submissions) {
    for (const shape of submission.shapes) {
      if (known.has(shape.className)) continue;
      known.add(shape.className);
      classes.push({ id: `class:${shape.className}`, name: shape.className, color: FALLBACK_COLORS[classes.length % FALLBACK_COLORS.length]!, attributes: [] });
    }
  }
  return { classes };
}

export function classIdOfName(schema: LabelSchema, className: string): string {
  return schema.classes.find((c) => c.name === className)?.id ?? `class:${className}`;
}

export function classNameOfId(schema: LabelSchema, classId: string): string {
  return schema.classes.find((c) => c.id === classId)?.name ?? classId.replace(/^class:/, '');
}
