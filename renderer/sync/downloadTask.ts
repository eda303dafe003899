import { LabelSchemaSchema } from '../../core/model/labelSchema';
import { DownloadJobResultSchema, type AssignedItem, type HubTask, type JobInfo } from '../../electron/common/services';
import type { Host } from '../platform/connectHost';
import { runIntakeJob } from '../platform/runIntakeJob';
import { runJob } from '../platform/runJob';
import type { LabelStore } from '../store/labelStore';
import { nameHubItems } from './hubItemNames';
import { downloadedTaskOf, saveHubTask, type DownloadedTask } from './hubTasks';
import { downloadedItemProblems } from './videoFrameCheck';

/** Items asked for per download; the hub hands back unfinished ones first, so a second download resumes. */
export const ASSIGNMENT_SIZE = 500;

export interface DownloadProgress {
  phase: 'assigning' | 'downloading' | 'scanning' | 'done';
  job?: JobInfo;
}

/**
 * Everything needed to label a hub task offline: the hub assigns items to
 * this wallet, the host downloads their media (resumable: files already
 * there and verified are skipped, partial ones continue), the files are
 * scanned like any folder, and a local project is made (or extended) with the
 * task's label schema. The task record ties project items to hub item ids.
 */
export async function downloadTask(host: Host, store: LabelStore, hubUrl: string, task: HubTask, onProgress: (p: DownloadProgress) => void): Promise<string> {
  const schema = LabelSchemaSchema.safeParse(task.labelSchema);
  if (!schema.success) throw new Error(`task "${task.title}" has a label schema this workstation cannot use: ${schema.error.issues[0]?.message}`);
  onProgress({ phase: 'assigning' });
  const existing = await store.db.hubTasks.get([hubUrl, task.taskId]);
  const known = existing ? downloadedTaskOf(existing).items : [];
  const { items: fresh } = await host.hub.requestAssignment({ hubUrl, taskId: task.taskId, count: ASSIGNMENT_SIZE });
  const items = mergeItems(known, fresh);
  if (items.length === 0) throw new Error(`the hub has no items of "${task.title}" left for this wallet`);

  const job = await runJob(host, { kind: 'download', hubUrl, taskId: task.taskId, items: items.map(({ sha256, fileName }) => ({ sha256, fileName: fileName || sha256 })) }, (j) => onProgress({ phase: 'downloading', job: j }));
  if (job.state !== 'succeeded') throw new Error(job.error ?? `the download was ${job.state}; start it again to resume`);
  const download = DownloadJobResultSchema.parse(job.result);

  const report = await runIntakeJob(host, download.rootId, (j) => onProgress({ phase: 'scanning', job: j }));
  const projectId = existing?.projectId ?? (await store.createProject(task.title, download.rootId, download.rootPath, schema.data)).id;
  await store.addItems(projectId, report.accepted);
  // Files are named by sha256; the list and status bar show the requester's file names.
  await nameHubItems(store.db, projectId, items);
  // The hub's frame counts are claims: checked against this workstation's own probe of each file.
  const itemProblems = await downloadedItemProblems(store.db, projectId, items);
  const fetched = await fetchBrief(host, hubUrl, task.taskId);
  // A brief fetched before is kept when this download could not fetch it again.
  const kept = existing ? downloadedTaskOf(existing).brief : undefined;
  const brief = fetched.brief || !kept ? fetched : { brief: kept };
  await saveHubTask(store.db, {
    hubUrl,
    taskId: task.taskId,
    projectId,
    title: task.title,
    task: { task, items, rootId: download.rootId, ...brief, ...(Object.keys(itemProblems).length > 0 ? { itemProblems } : {}) },
    downloadedAt: Date.now(),
    instructionsSeenAt: existing?.instructionsSeenAt,
  });
  onProgress({ phase: 'done' });
  return projectId;
}

/** The task's instructions and examples for offline work; a hub that cannot give them (or sends a bad example) does not stop the download. */
async function fetchBrief(host: Host, hubUrl: string, taskId: string): Promise<Pick<DownloadedTask, 'brief' | 'briefError'>> {
  try {
    return { brief: await host.hub.taskBrief({ hubUrl, taskId }) };
  } catch (error) {
    return { briefError: error instanceof Error ? error.message : String(error) };
  }
}

function mergeItems(known: AssignedItem[], fresh: AssignedItem[]): AssignedItem[] {
  const byId = new Map(known.map((i) => [i.itemId, i]));
  for (const item of fresh) byId.set(item.itemId, item);
  return [...byId.values()];
}
