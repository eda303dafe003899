import type { AssignedItem, HubTask, TaskBrief } from '../../electron/common/services/hubService';
import type { GroundworkDb } from '../store/db';
import type { HubTaskRecord } from '../store/syncRecords';

/** What `HubTaskRecord.task` holds for a downloaded task: the hub's description and the items assigned to this wallet. */
export interface DownloadedTask {
  task: HubTask;
  /** The items the hub assigned to this workstation's wallet; local items are matched to them by sha256. */
  items: AssignedItem[];
  /** The media root the download job granted (the task's files, named `<sha256>.<ext>`). */
  rootId: string;
  /** The task's instructions and example images (bytes checked by the host), fetched with the download so they show offline. */
  brief?: TaskBrief;
  /** Why the brief could not be fetched (the labeling still works; the annotator is told). */
  briefError?: string;
  /** Items whose downloaded file is not what the hub says (a video's frame count, or its kind), by hub item id: shown, never submitted (videoFrameCheck.ts). */
  itemProblems?: Record<string, string>;
}

export function downloadedTaskOf(record: HubTaskRecord): DownloadedTask {
  const value = record.task as Partial<DownloadedTask> | null;
  if (!value || !value.task || !Array.isArray(value.items)) throw new Error(`hub task ${record.taskId} of ${record.hubUrl} has no downloaded item list; download it again`);
  return value as DownloadedTask;
}

export async function saveHubTask(db: GroundworkDb, record: Omit<HubTaskRecord, 'task'> & { task: DownloadedTask }): Promise<void> {
  await db.hubTasks.put(record);
}

/** True when the task has anything to show before the first item: instructions, examples, or why they are missing. */
export function hasBrief(task: DownloadedTask): boolean {
  return Boolean(task.briefError || task.brief?.instructions.trim() || task.brief?.examples.length);
}

/** Remembers the annotator has seen a task's instructions, so they open by themselves only before the first item. */
export async function markInstructionsSeen(db: GroundworkDb, hubUrl: string, taskId: string, at = Date.now()): Promise<void> {
  await db.hubTasks.update([hubUrl, taskId], { instructionsSeenAt: at });
}

export function listHubTasks(db: GroundworkDb): Promise<HubTaskRecord[]> {
  return db.hubTasks.toArray();
}

export function hubTaskOfProject(db: GroundworkDb, projectId: string): Promise<HubTaskRecord | undefined> {
  return db.hubTasks.where('projectId').equals(projectId).first();
}
