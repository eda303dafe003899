import { describeAddedTextAttributes, withTextAttributes } from '../../core/prelabel/classMapping';
import type { LabelStore } from '../store/labelStore';

/**
 * Before an OCR-task model runs: gives the project classes its class names
 * map to the `text` and `quad` attributes they lack, so the recognised text
 * is kept on the shapes. Returns what to tell the user, or null when
 * nothing changed (other tasks, or the attributes are there already).
 */
export async function prepareTextAttributes(store: Pick<LabelStore, 'getProject' | 'updateLabelSchema'>, projectId: string, modelClasses: readonly string[], task: string): Promise<string | null> {
  const project = await store.getProject(projectId);
  if (!project) return null;
  const { schema, added } = withTextAttributes(project.labelSchema, modelClasses, task);
  if (added.length === 0) return null;
  await store.updateLabelSchema(projectId, schema);
  return describeAddedTextAttributes(added);
}
