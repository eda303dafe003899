import { z } from 'zod';
import { LabelSchemaSchema } from './labelSchema';

export const ProjectSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  /** Media root granted on the Node side; the renderer addresses media by (rootId, relPath) only. */
  rootId: z.string().min(1),
  /** Absolute folder path, shown to the user; never used by the renderer to read files. */
  rootPath: z.string().min(1),
  labelSchema: LabelSchemaSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Version of the document model this record was written with; see migrations.ts. */
  schemaVersion: z.number().int().positive(),
});
export type Project = z.infer<typeof ProjectSchema>;
