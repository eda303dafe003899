import { DownloadJobResultSchema, type Dispute, type JobInfo } from '../../electron/common/services';
import type { Host } from '../platform/connectHost';
import { runJob } from '../platform/runJob';
import type { DisputeStore } from './disputeStore';

export interface DisputeDownloadProgress {
  phase: 'listing' | 'downloading' | 'done';
  job?: JobInfo;
}

/**
 * Everything needed to review a hub's disputes offline: the disputes (every
 * submission and the proposal), each task's label schema, and the pictures,
 * fetched by sha256 with the host's resumable 'download' job into the task's
 * media folder. Returns how many disputes are stored.
 */
export async function downloadDisputes(host: Host, store: DisputeStore, hubUrl: string, onProgress: (p: DisputeDownloadProgress) => void, taskId?: string): Promise<number> {
  onProgress({ phase: 'listing' });
  const disputes = await host.hub.listDisputes({ hubUrl, ...(taskId ? { taskId } : {}) });
  if (disputes.length === 0) {
    onProgress({ phase: 'done' });
    return 0;
  }
  const schemas = await taskSchemas(host, hubUrl);
  const byTask = new Map<string, Dispute[]>();
  for (const d of disputes) byTask.set(d.taskId, [...(byTask.get(d.taskId) ?? []), d]);

  for (const [task, items] of byTask) {
    const job = await runJob(host, { kind: 'download', hubUrl, taskId: task, items: items.map(({ sha256, fileName }) => ({ sha256, fileName })) }, (j) => onProgress({ phase: 'downloading', job: j }));
    if (job.state !== 'succeeded') throw new Error(job.error ?? `the download was ${job.state}; start it again to resume`);
    const result = DownloadJobResultSchema.parse(job.result);
    const files = new Map(result.files.map((f) => [f.sha256, f.relPath]));
    await store.saveDownloaded(
      hubUrl,
      items.map((dispute) => {
        const relPath = files.get(dispute.sha256);
        return { dispute: { ...dispute, labelSchema: dispute.labelSchema ?? schemas.get(task) }, media: relPath ? { rootId: result.rootId, relPath } : null };
      }),
    );
  }
  onProgress({ phase: 'done' });
  return disputes.length;
}

/** The label schema of each task the hub lists (class names and attributes for class fixes); none when listing fails. */
async function taskSchemas(host: Host, hubUrl: string): Promise<Map<string, unknown>> {
  try {
    return new Map((await host.hub.listTasks({ hubUrl })).map((t) => [t.taskId, t.labelSchema]));
  } catch {
    return new Map();
  }
}
