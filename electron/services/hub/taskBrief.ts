import { createHash } from 'node:crypto';
import { getTaskRoute, taskExampleRoute } from '../../../core/hubApi/tasks';
import type { TaskBrief } from '../../common/services/hubService';
import type { HubClient } from './hubClient';
import { routeRequest } from './hubHttp';

/** The hub refuses examples over 10 MiB at publish (hub/tasks/taskLimits.ts); a hub sending more is not believed. */
export const MAX_EXAMPLE_BYTES = 10 * 1024 * 1024;
/** All of a brief's examples together: they cross IPC and live in IndexedDB beside the task. */
export const MAX_BRIEF_BYTES = 40 * 1024 * 1024;
/** The hub's own bound (core/hubApi/taskBounds.ts MAX_EXAMPLES) is enforced by the route's schema at publish; this one by the workstation. */
export const MAX_BRIEF_EXAMPLES = 20;

/** Image kinds the renderer shows, by their first bytes: the hub's content-type is not trusted. */
function sniffImage(bytes: Uint8Array): TaskBrief['examples'][number]['mime'] | null {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

/** Reads a response body, giving up as soon as it passes `cap` bytes (a hub cannot make the host buffer more). */
async function readCapped(response: Response, cap: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > cap) throw new Error(`${what} is larger than ${cap} bytes; refused`);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * A task's instructions and example images, as shown to an annotator before
 * their first item. Every example's bytes must hash to the sha256 the task
 * lists and look like an image: a hub that sends anything else is refused,
 * never shown.
 */
export async function fetchTaskBrief(client: Pick<HubClient, 'call' | 'authedFetch'>, hubUrl: string, taskId: string): Promise<TaskBrief> {
  const task = await client.call(hubUrl, getTaskRoute, { params: { taskId } });
  if (task.examples.length > MAX_BRIEF_EXAMPLES) throw new Error(`task "${task.title}" lists ${task.examples.length} examples; at most ${MAX_BRIEF_EXAMPLES} are shown`);
  const examples: TaskBrief['examples'] = [];
  let total = 0;
  for (const sha256 of task.examples) {
    const { path, request } = routeRequest(taskExampleRoute, { params: { taskId, sha256 } }, { timeoutMs: 2 * 60_000 });
    const bytes = await readCapped(await client.authedFetch(hubUrl, path, request), MAX_EXAMPLE_BYTES, `example ${sha256}`);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`example ${sha256} of task "${task.title}": the hub sent bytes whose sha256 is ${actual}; refused`);
    const mime = sniffImage(bytes);
    if (!mime) throw new Error(`example ${sha256} of task "${task.title}" is not a PNG, JPEG, GIF or WebP image; refused`);
    total += bytes.byteLength;
    if (total > MAX_BRIEF_BYTES) throw new Error(`the examples of task "${task.title}" are larger than ${MAX_BRIEF_BYTES} bytes together; refused`);
    examples.push({ sha256, mime, bytes });
  }
  return { taskId: task.taskId, title: task.title, instructions: task.instructions, examples };
}
