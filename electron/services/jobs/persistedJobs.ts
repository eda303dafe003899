import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../common/contract/errors';
import type { ItemPredictions } from '../../common/services/inferenceService';
import type { JobInfo, JobParams } from '../../common/services/jobsService';
import type { JobFolders, StoredJob } from './jobFolders';
import type { JobRunner } from './jobRunner';
import type { ResultLine } from './resultsLog';

/** Job kinds whose state lives on disk and survives a host restart. */
const PERSISTED_KINDS = new Set<JobParams['kind']>(['prelabel', 'publish']);
const RECORDED_STATES = new Set<JobInfo['state']>(['succeeded', 'failed', 'cancelled']);

export const isPersistedKind = (kind: string) => PERSISTED_KINDS.has(kind as JobParams['kind']);

/** What a renderer needs to recognise its own job in `jobs.list` after a restart. */
export function subjectOf(params: JobParams): JobInfo['subject'] {
  if (params.kind === 'prelabel') return { projectId: params.projectId, rootId: params.rootId, modelId: params.modelId };
  if (params.kind === 'publish') return { projectId: params.projectId, rootId: params.rootId };
  return 'rootId' in params ? { rootId: params.rootId } : {};
}

/** Items recorded in a results log: each item position counts once, a failed item counts as done and as failed. */
export function tally(lines: ResultLine[]): { doneItems: Set<number>; failed: number } {
  const doneItems = new Set<number>();
  let failed = 0;
  for (const line of lines) {
    if (doneItems.has(line.item)) continue;
    doneItems.add(line.item);
    if (!line.result.ok) failed++;
  }
  return { doneItems, failed };
}

/**
 * The bridge between the in-memory job runner and the job folders: creating
 * a persisted job, restoring jobs from disk at start (unfinished ones come
 * back 'interrupted'), recording how each ended, and paging its results.
 */
export function createPersistedJobs(folders: JobFolders, runner: JobRunner) {
  const pendingWrites = new Set<Promise<void>>();

  async function restoreOne({ record, outcome, log }: StoredJob) {
    const { doneItems, failed } = tally(await log.readAll());
    const info: JobInfo = {
      id: record.id,
      kind: record.params.kind,
      state: outcome?.state ?? 'interrupted',
      done: doneItems.size,
      total: record.params.kind === 'prelabel' ? record.params.items.length : 0,
      message: outcome?.state ?? 'interrupted',
      startedAt: record.startedAt,
      resumable: true,
      failed,
      subject: subjectOf(record.params),
      ...(outcome?.error !== undefined ? { error: outcome.error } : {}),
      ...(outcome?.result !== undefined ? { result: outcome.result } : {}),
    };
    runner.restore(info, record.params);
  }

  return {
    /** Loads every job folder into the runner (oldest first, so `list` stays newest first). */
    async restore(): Promise<void> {
      for (const stored of await folders.loadAll()) {
        try {
          await restoreOne(stored);
        } catch (error) {
          console.warn(`groundwork: job ${stored.record.id} could not be restored: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    /** Writes job.json first, then queues: a job the user started is on disk before it can run. */
    async start(params: JobParams): Promise<string> {
      const id = randomUUID();
      const startedAt = Date.now();
      await folders.create({ id, params, startedAt });
      return runner.start(params, { id, startedAt, resumable: true, subject: subjectOf(params) });
    },
    /** Called with every job change; records how a persisted job ended. A host stop ('interrupted') records nothing. */
    recordOutcome(info: JobInfo): void {
      if (!isPersistedKind(info.kind) || !RECORDED_STATES.has(info.state)) return;
      const outcome = { state: info.state as 'succeeded' | 'failed' | 'cancelled', error: info.error, result: info.result, finishedAt: Date.now() };
      const write = folders
        .writeOutcome(info.id, outcome)
        .catch((error: unknown) => console.error(`groundwork: could not record the end of job ${info.id}:`, error))
        .finally(() => pendingWrites.delete(write));
      pendingWrites.add(write);
    },
    async results(jobId: string, from: number, limit: number): Promise<{ results: { index: number; result: ItemPredictions }[]; next: number }> {
      const { kind } = runner.get(jobId);
      if (!isPersistedKind(kind)) throw new ServiceError(`job "${jobId}" is a ${kind} job, which does not keep per-item results`);
      const lines = await folders.log(jobId).read(from, limit);
      return { results: lines.map((line, i) => ({ index: from + i, result: line.result })), next: from + lines.length };
    },
    /** Resolves once every outcome being written is on disk (host stop). */
    async flush(): Promise<void> {
      await Promise.all([...pendingWrites]);
    },
  };
}

export type PersistedJobs = ReturnType<typeof createPersistedJobs>;
