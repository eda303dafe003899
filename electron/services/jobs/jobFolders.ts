import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { JobParamsSchema } from '../../common/services/jobsService';
import { writeFileAtomic } from '../atomicWrite';
import { createResultsLog, type ResultsLog } from './resultsLog';

/** job.json: written once when the job is created, before it is queued. */
const JobRecordSchema = z.object({ version: z.literal(1), id: z.string(), params: JobParamsSchema, startedAt: z.number() });
export type JobRecord = z.infer<typeof JobRecordSchema>;

/** outcome.json: written when the job ends on its own or by a user's cancel; its absence means the host stopped mid-run. */
const OutcomeSchema = z.object({
  state: z.enum(['succeeded', 'failed', 'cancelled']),
  error: z.string().optional(),
  result: z.unknown().optional(),
  finishedAt: z.number(),
});
export type JobOutcome = z.infer<typeof OutcomeSchema>;

export interface StoredJob {
  record: JobRecord;
  outcome: JobOutcome | null;
  log: ResultsLog;
}

const ID_PATTERN = /^[0-9a-f-]{36}$/;

/**
 * Persisted jobs, one folder each: `<dataDir>/jobs/<jobId>/` with job.json,
 * results.jsonl (see resultsLog.ts) and, once finished, outcome.json.
 */
export function createJobFolders(dataDir: string) {
  const root = path.join(dataDir, 'jobs');
  const logs = new Map<string, ResultsLog>();
  const folderOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a job id`);
    return path.join(root, id);
  };

  async function readJson(file: string): Promise<unknown> {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  }

  function logOf(id: string): ResultsLog {
    let log = logs.get(id);
    if (!log) logs.set(id, (log = createResultsLog(path.join(folderOf(id), 'results.jsonl'))));
    return log;
  }

  return {
    async create(record: Omit<JobRecord, 'version'>): Promise<void> {
      const folder = folderOf(record.id);
      await mkdir(folder, { recursive: true });
      await writeFileAtomic(path.join(folder, 'job.json'), JSON.stringify({ version: 1, ...record }));
    },
    async writeOutcome(id: string, outcome: JobOutcome): Promise<void> {
      await writeFileAtomic(path.join(folderOf(id), 'outcome.json'), JSON.stringify(outcome));
    },
    /** The job's results log; one instance per job so its line index is shared by the writer and readers. */
    log: logOf,
    /** Every job folder that holds a readable job.json; unreadable folders are reported and skipped, never fatal. */
    async loadAll(): Promise<StoredJob[]> {
      let ids: string[];
      try {
        ids = (await readdir(root)).filter((name) => ID_PATTERN.test(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const stored: StoredJob[] = [];
      for (const id of ids) {
        const folder = folderOf(id);
        try {
          const record = JobRecordSchema.parse(await readJson(path.join(folder, 'job.json')));
          if (record.id !== id) throw new Error(`job.json names job "${record.id}"`);
          const outcome = await readJson(path.join(folder, 'outcome.json')).then(
            (json) => OutcomeSchema.parse(json),
            (error: NodeJS.ErrnoException) => {
              if (error.code === 'ENOENT') return null;
              throw error;
            },
          );
          stored.push({ record, outcome, log: logOf(id) });
        } catch (error) {
          console.warn(`groundwork: skipping job folder ${folder}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return stored.sort((a, b) => a.record.startedAt - b.record.startedAt);
    },
  };
}

export type JobFolders = ReturnType<typeof createJobFolders>;
