import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomicWrite';
import { logStateFileProblem, readStateFile, type StateFileProblem } from '../readStateFile';

const PublishedTaskSchema = z.object({ taskId: z.string(), title: z.string(), publishedAt: z.string(), jobId: z.string() });
export type PublishedTask = z.infer<typeof PublishedTaskSchema>;

/**
 * A POST /tasks that was sent and whose answer is not recorded (the host
 * stopped, the connection dropped): the hub may or may not have created the
 * task. What identifies it if it did: this wallet, the title, the item count
 * and the first items' hashes in order.
 */
const PendingSchema = z.object({ jobId: z.string(), sentAt: z.string(), requester: z.string(), title: z.string(), itemCount: z.number().int(), firstItems: z.array(z.string()) });
export type PendingTask = z.infer<typeof PendingSchema>;

const EntrySchema = z.object({ hubUrl: z.string(), projectId: z.string(), tasks: z.array(PublishedTaskSchema), pending: PendingSchema.nullable() });
type Entry = z.infer<typeof EntrySchema>;
const FileSchema = z.object({ version: z.literal(1), entries: z.array(EntrySchema) });

/**
 * Which hub tasks each local project was published as
 * (`<dataDir>/requester/published.json`, one entry per project and hub), and
 * the task creation in flight. This is what keeps a second publish of the
 * same project from silently making a second task, and a publish interrupted
 * after its POST /tasks from making one twice.
 */
export function createPublishedTasks(dataDir: string, onProblem: (problem: StateFileProblem) => void = logStateFileProblem('the list of published tasks')) {
  const dir = path.join(dataDir, 'requester');
  const file = path.join(dir, 'published.json');
  let cache: z.infer<typeof FileSchema> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load() {
    return (cache ??= await readStateFile(file, FileSchema, () => ({ version: 1 as const, entries: [] }), onProblem));
  }

  const find = (entries: Entry[], hubUrl: string, projectId: string) => entries.find((e) => e.hubUrl === hubUrl && e.projectId === projectId);

  /** Changes are serialised and written (atomically, fsynced) before they resolve. */
  function update(hubUrl: string, projectId: string, change: (entry: Entry) => void): Promise<void> {
    const result = queue.then(async () => {
      const state = structuredClone(await load());
      let entry = find(state.entries, hubUrl, projectId);
      if (!entry) state.entries.push((entry = { hubUrl, projectId, tasks: [], pending: null }));
      change(entry);
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(state, null, 2));
      cache = state;
    });
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    async get(hubUrl: string, projectId: string): Promise<{ tasks: PublishedTask[]; pending: PendingTask | null }> {
      await queue;
      const entry = find((await load()).entries, hubUrl, projectId);
      return { tasks: entry?.tasks ?? [], pending: entry?.pending ?? null };
    },
    /** Written before POST /tasks is sent. */
    markPending: (hubUrl: string, projectId: string, pending: PendingTask) => update(hubUrl, projectId, (e) => void (e.pending = pending)),
    clearPending: (hubUrl: string, projectId: string) => update(hubUrl, projectId, (e) => void (e.pending = null)),
    /** The hub answered (or the task was found): recorded, and the pending mark cleared, in one write. */
    recordPublished: (hubUrl: string, projectId: string, task: PublishedTask) =>
      update(hubUrl, projectId, (e) => {
        if (!e.tasks.some((t) => t.taskId === task.taskId)) e.tasks.push(task);
        e.pending = null;
      }),
  };
}

export type PublishedTasks = ReturnType<typeof createPublishedTasks>;
