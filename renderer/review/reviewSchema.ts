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
    // A video item's tracks and frame tags name classes too.
    const names = [...submission.shapes, ...(submission.video?.tracks ?? []), ...(submission.video?.frameTags ?? [])].map((s) => s.className);
    for (const name of names) {
      if (known.has(name)) continue;
      known.add(name);
      classes.push({ id: `class:${name}`, name, color: FALLBACK_COLORS[classes.length % FALLBACK_COLORS.length]!, attributes: [] });
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
