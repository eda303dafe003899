import type { FormatFile } from '../../core/formats';
import type { Item } from '../../core/model/item';
import type { LabelSchema } from '../../core/model/labelSchema';
import type { Project } from '../../core/model/project';
import type { Shape } from '../../core/model/shape';
import { parseImport, type ImportPreview, type ParsedImport } from './runImport';
import { withImportAdditions } from './schemaAdditions';
import { withSchemaAdditions } from './schemaRollback';

/** The store calls an import commit makes (LabelStore has them); narrow, so a test can pass a fake. */
export interface ImportWriter {
  updateLabelSchema(projectId: string, schema: LabelSchema): Promise<Project>;
  listItems(projectId: string): Promise<Item[]>;
  importShapes(projectId: string, shapes: readonly Shape[], options: { replace?: boolean }): Promise<{ count: number }>;
}

export interface CommitChoices {
  /** Declare the file's new classes and attributes in the schema first, then map again so their boxes and values come in. */
  addToSchema: boolean;
  /** Replace the existing boxes of the images the file touches. */
  replace: boolean;
}

/** What was written: the box count, and the preview it came from (mapped again after a schema change). */
export type CommittedImport = { ok: true; count: number; preview: ImportPreview } | Extract<ParsedImport, { ok: false }>;

/** True when the preview has classes or attributes the schema could take. */
export function hasSchemaAdditions(preview: ImportPreview): boolean {
  return preview.mapped.newClasses.length > 0 || preview.mapped.newAttributes.length > 0;
}

/**
 * The Import button: the schema additions (if chosen) and then the shapes.
 * The same files, format and annotation choice are parsed again against
 * the grown schema, so the boxes of new classes and the new attribute
 * values are in the shapes written. If that or the write fails, the schema
 * is put back: all or nothing.
 */
export async function commitImport(writer: ImportWriter, project: Project, files: FormatFile[], preview: ImportPreview, choices: CommitChoices, author: string): Promise<CommittedImport> {
  const write = async (final: ImportPreview): Promise<CommittedImport> => {
    const { count } = await writer.importShapes(project.id, final.mapped.shapes, { replace: choices.replace });
    return { ok: true, count, preview: final };
  };
  if (!choices.addToSchema || !hasSchemaAdditions(preview)) return write(preview);
  const grown = withImportAdditions(project.labelSchema, preview.mapped.newClasses, preview.mapped.newAttributes);
  return withSchemaAdditions(
    writer,
    project,
    grown,
    async (updated) => {
      const again = parseImport(files, preview.format, updated, await writer.listItems(project.id), author, preview.annotations);
      return again.ok ? write(again.preview) : again;
    },
    (result) => !result.ok,
  );
}
