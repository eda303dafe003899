import type { LabelSchema } from '../../core/model/labelSchema';
import type { Project } from '../../core/model/project';

/** The one store call a rollback needs. */
export interface SchemaWriter {
  updateLabelSchema(projectId: string, schema: LabelSchema): Promise<Project>;
}

/**
 * An import with schema additions is two writes (the schema, then the
 * labels), and the store cannot put them in one transaction: the schema
 * update pauses open documents. So the schema is written first and put
 * back as it was when the rest fails — returns a failure or throws — and
 * the user never keeps classes added for labels that were not written.
 */
export async function withSchemaAdditions<T>(
  writer: SchemaWriter,
  project: Project,
  grown: LabelSchema,
  rest: (updated: Project) => Promise<T> | T,
  failed: (result: T) => boolean,
): Promise<T> {
  const updated = await writer.updateLabelSchema(project.id, grown);
  const restore = () => writer.updateLabelSchema(project.id, project.labelSchema);
  let result: T;
  try {
    result = await rest(updated);
  } catch (e) {
    await restore();
    throw e;
  }
  if (failed(result)) await restore();
  return result;
}
