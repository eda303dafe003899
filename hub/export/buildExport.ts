import { strToU8, zipSync, type Zippable } from 'fflate';
import { formats, type FormatFile, type LabelDataset } from '../../core/formats';
import { resolveVideoConsensusOptions, type VideoConsensusOptions } from '../../core/consensus';
import { stripExtension } from '../../core/formats/shared/paths';
import { groundworkDomain } from '../../core/sync/eip712';
import { DATASET_DIR, DISPUTED_DIR, EXPORT_SCHEMA, isVideoFormat, LINEAGE_FILE, MANIFEST_FILE, videoFolderOf, type ExportFormatId, type ExportManifest, type LineageLine } from '../../core/verify/exportFiles';
import { videoDatasetFiles } from '../../core/verify/videoDatasetFiles';
import type { HubContext } from '../context';
import { badRequest, notFound } from '../http/hubError';
import { exportFormatFor } from './exportFormat';
import { exportLedgers } from './exportLedgers';
import { loadLineage, type LineageItem } from './loadLineage';

export interface ExportRequest {
  /** An image format, or for a video task a video format or an image format with a video form (exportFormat.ts). */
  format: ExportFormatId;
  disputed: 'exclude' | 'include';
}

interface TaskRow {
  id: string;
  task_hash: string;
  title: string;
  redundancy: number;
  label_schema: { classes?: { name: string }[] };
  consensus: VideoConsensusOptions | null;
  video_items: number;
  image_items: number;
}

/** Two items with one file name (or names YOLO/VOC would write to one label file) get their item id as a folder. */
function uniqueImageNames(items: LineageItem[]): void {
  const key = (name: string) => stripExtension(name).toLowerCase();
  const count = new Map<string, number>();
  for (const i of items) count.set(key(i.fileName), (count.get(key(i.fileName)) ?? 0) + 1);
  for (const i of items) if (count.get(key(i.fileName))! > 1) i.image = { ...i.image, fileName: `${i.itemId}/${i.fileName}` };
}

/** A video's folder (its name without the extension) that holds another's (`a` and `a/b`) gets its item id in front, so each folder stands alone. */
function unnestedVideoFolders(items: LineageItem[]): void {
  const folders = items.map((i) => videoFolderOf(i));
  items.forEach((item, n) => {
    if (folders.some((other, m) => m !== n && other.startsWith(`${folders[n]}/`))) item.image = { ...item.image, fileName: `${item.itemId}/${item.image.fileName}` };
  });
}

function datasetOf(classes: string[], lines: readonly LineageLine[]): LabelDataset {
  const all = [...classes];
  for (const l of lines) for (const s of l.labels) if (!all.includes(s.className)) all.push(s.className);
  return {
    classes: all,
    images: lines.map((l) => ({ ...l.image, boxes: l.labels.map((s) => ({ className: s.className, box: s.box, ...(s.attributes ? { attributes: s.attributes } : {}) })) })),
  };
}

// Fixed entry times: the same task state exports to the same bytes.
const ZIP_TIME = new Date('2024-01-01T00:00:00Z');

/**
 * The task's export as zip bytes: the consensus dataset written by
 * core/formats (`dataset/`; a video task's one folder per video in MOT,
 * CVAT for video or COCO per frame, core/verify/videoDatasetFiles.ts), the disputed items' proposals on request
 * (`disputed/`), `lineage.jsonl`, `manifest.json` (core/verify/exportFiles.ts) and the
 * ledgers of the epochs that rewarded its items (`ledger/`, exportLedgers.ts).
 */
export async function buildExport(ctx: HubContext, taskId: string, req: ExportRequest): Promise<{ zip: Uint8Array; manifest: ExportManifest }> {
  const [task] = await ctx.db.query<TaskRow>(
    `SELECT id, task_hash, title, redundancy, label_schema, consensus,
       (SELECT count(*)::int FROM items i WHERE i.task_id = t.id AND i.video IS NOT NULL) AS video_items,
       (SELECT count(*)::int FROM items i WHERE i.task_id = t.id AND i.video IS NULL) AS image_items
     FROM tasks t WHERE id = $1`,
    [taskId],
  );
  if (!task) throw notFound('unknown_task', `no task "${taskId}" on this hub`);
  if (task.video_items > 0 && task.image_items > 0) throw badRequest('mixed_task', `task "${taskId}" has ${task.video_items} video and ${task.image_items} image items: no one format holds both`);
  const format = exportFormatFor(req.format, task.video_items > 0 ? 'video' : 'image');
  const statuses = req.disputed === 'include' ? ['accepted', 'resolved', 'disputed'] : ['accepted', 'resolved'];
  const items = await loadLineage(ctx, taskId, statuses);
  uniqueImageNames(items);
  if (isVideoFormat(format)) unnestedVideoFolders(items);
  const lines: LineageLine[] = items.map(({ fileName: _own, ...line }) => line);
  const classes = (task.label_schema.classes ?? []).map((c) => c.name);
  const final = lines.filter((l) => l.status !== 'disputed');
  const disputed = lines.filter((l) => l.status === 'disputed');
  const manifest: ExportManifest = {
    schema: EXPORT_SCHEMA,
    taskId: task.id,
    task: task.task_hash,
    title: task.title,
    format,
    domain: { ...groundworkDomain({ chainId: ctx.config.chainId, verifyingContract: ctx.config.rewardsContract }), chainId: ctx.config.chainId },
    redundancy: task.redundancy,
    iouThreshold: ctx.config.iouThreshold,
    disputed: req.disputed,
    counts: { accepted: final.filter((l) => l.status === 'accepted').length, resolved: final.filter((l) => l.status === 'resolved').length, disputed: disputed.length },
    ...(isVideoFormat(format) ? { videoConsensus: resolveVideoConsensusOptions(task.consensus ?? {}) } : {}),
  };
  const entries: Zippable = {
    [MANIFEST_FILE]: strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    [LINEAGE_FILE]: strToU8(lines.map((l) => `${JSON.stringify(l)}\n`).join('')),
    ...(await exportLedgers(ctx, task.id, task.task_hash)),
  };
  const write = (folderLines: LineageLine[]): FormatFile[] => (isVideoFormat(format) ? videoDatasetFiles(format, classes, folderLines) : formats[format].exportDataset(datasetOf(classes, folderLines)));
  for (const f of write(final)) entries[`${DATASET_DIR}/${f.path}`] = strToU8(f.content);
  if (req.disputed === 'include') for (const f of write(disputed)) entries[`${DISPUTED_DIR}/${f.path}`] = strToU8(f.content);
  return { zip: zipSync(entries, { level: 6, mtime: ZIP_TIME }), manifest };
}
