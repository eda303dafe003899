import { z } from 'zod';
import { formatIds, type FormatId } from '../formats';
import { videoFormatIds, type VideoFormatId } from '../formats/video';
import { IdParamSchema, IsoTimeSchema, ItemStatusSchema, Sha256Schema, StatusCountsSchema } from './fields';
import { defineRoute } from './route';

const TaskParams = z.object({ taskId: IdParamSchema });

export const TaskItemsQuery = z.object({
  /** The `next` of the previous page (an item index); -1: from the start. */
  after: z.coerce.number().int().min(-1).default(-1),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  status: ItemStatusSchema.optional(),
});

export const ExportQuery = z.object({
  /** Image formats for image tasks; a video task takes `mot`, `cvat-video`/`cvat`, `coco-video`/`coco` (hub/export refuses what does not fit with a 400 naming what does). */
  format: z.enum([...formatIds, ...videoFormatIds] as [FormatId | VideoFormatId, ...(FormatId | VideoFormatId)[]]),
  /** `include`: the disputed items' consensus proposals too, under `disputed/`. */
  disputed: z.enum(['exclude', 'include']).default('exclude'),
});

/** A page of a task's items in index order; `next` is null on the last page. */
export const TaskItemsPageSchema = z.object({
  taskId: z.string(),
  counts: StatusCountsSchema,
  items: z.array(
    z.object({
      itemId: z.string(),
      index: z.number().int().nonnegative(),
      fileName: z.string(),
      sha256: Sha256Schema,
      status: ItemStatusSchema,
      submissions: z.number().int().nonnegative(),
      finalizedAt: IsoTimeSchema.nullable(),
    }),
  ),
  next: z.number().int().nullable(),
});
export type TaskItemsPage = z.infer<typeof TaskItemsPageSchema>;

export const taskItemsRoute = defineRoute({ method: 'GET', path: '/tasks/:taskId/items', access: 'task.owner', params: TaskParams, query: TaskItemsQuery, response: TaskItemsPageSchema });

/** `application/zip`: the consensus dataset (core/formats), `lineage.jsonl` and `manifest.json`. */
export const taskExportRoute = defineRoute({ method: 'GET', path: '/tasks/:taskId/export', access: 'task.owner', params: TaskParams, query: ExportQuery, response: null });
