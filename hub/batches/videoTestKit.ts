import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { RunningHub } from '../startHub';
import { Wallet } from 'ethers';
import { call, sha, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/** Test helpers for video tasks: publish one with video and image items, take its work, label it. */

export interface VideoItemSpec {
  sha256: string;
  width: number;
  height: number;
  frameCount: number;
  fps: number;
}

export interface PublishedVideoTask {
  taskId: string;
  task: string;
  body: Record<string, unknown>;
}

let next = 0;
/** A fresh media hash for items whose bytes a test never downloads. */
export const freshSha = () => sha(9_100_000_000 + Math.floor(Math.random() * 1e6) * 1000 + next++);

/** POST /tasks with `videos` as video items and `images` image items (fresh hashes). */
export async function publishVideoTask(
  hub: RunningHub,
  token: string,
  opts: { videos: VideoItemSpec[]; images?: number; redundancy?: number; consensus?: Record<string, unknown> },
): Promise<PublishedVideoTask> {
  const items = [
    ...opts.videos.map((v, i) => ({ sha256: v.sha256, fileName: `clip${i}.mp4`, width: v.width, height: v.height, video: { frameCount: v.frameCount, fps: v.fps } })),
    ...Array.from({ length: opts.images ?? 0 }, (_, i) => ({ sha256: freshSha(), fileName: `img${i}.jpg`, width: 640, height: 480 })),
  ];
  const res = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
    token,
    json: { title: 'video task', labelSchema: TEST_SCHEMA, redundancy: opts.redundancy ?? 2, rewardPerItem: '1000', items, ...(opts.consensus ? { consensus: opts.consensus } : {}) },
  });
  if (res.status !== 201) throw new Error(`video task creation failed: ${JSON.stringify(res.body)}`);
  return { taskId: res.body.taskId, task: res.body.task, body: res.body as unknown as Record<string, unknown> };
}

export interface Assigned {
  itemId: string;
  sha256: string;
  video?: { frameCount: number; fps: number } | null;
}

/** Takes all of a task's work for one annotator: the video items and the image items apart. */
export async function takeWork(hub: RunningHub, token: string, taskId: string, count = 50): Promise<{ all: Assigned[]; videos: Assigned[]; images: Assigned[] }> {
  const res = await call<{ items: Assigned[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count } });
  if (res.status !== 200) throw new Error(`assignment failed: ${JSON.stringify(res.body)}`);
  return { all: res.body.items, videos: res.body.items.filter((i) => i.video), images: res.body.items.filter((i) => !i.video) };
}

/** A video's labels as a workstation signs them: two tracks (one leaves the view), a frame tag, two shots, and a single-frame box. */
export function sampleVideoLabels(frameCount: number): { shapes: CanonicalShape[]; video: CanonicalVideoLabels } {
  const last = frameCount - 1;
  const mid = Math.floor(frameCount / 2);
  return {
    shapes: [{ className: 'person', box: { x: 5, y: 6, w: 20, h: 40 }, frame: mid }],
    video: {
      frameCount,
      tracks: [
        {
          className: 'car',
          keyframes: [
            { frame: 0, box: { x: 10, y: 20, w: 50, h: 40 } },
            { frame: mid, box: { x: 60.123, y: 25, w: 50, h: 40 }, attributes: { occluded: true } },
            { frame: last, box: { x: 0, y: 0, w: 1, h: 1 }, outside: true },
          ],
        },
        { className: 'person', attributes: { id: 7 }, keyframes: [{ frame: 3, box: { x: 100, y: 50, w: 30, h: 80 } }] },
      ],
      frameTags: [{ className: 'person', startFrame: 2, endFrame: mid }],
      segments: [{ startFrame: 0, endFrame: mid - 1, tags: ['car'] }, { startFrame: mid, endFrame: last }],
    },
  };
}

/** Counts of what a refused batch must not leave behind. */
export async function storedCounts(hub: RunningHub): Promise<{ batches: number; submitted: number }> {
  const [row] = await hub.context.db.query<{ batches: number; submitted: number }>(
    `SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM assignments WHERE batch_id IS NOT NULL) AS submitted`,
  );
  return row!;
}

/** POSTs a batch expecting a refusal: the status and code, and nothing stored. Returns the message. */
export async function expectBatchRefused(hub: RunningHub, token: string, body: unknown, status: number, code: string): Promise<string> {
  const before = await storedCounts(hub);
  const res = await call<{ error: string; message: string }>(hub, 'POST', '/batches', { token, json: body });
  if (res.body.error !== code || res.status !== status) throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`);
  const after = await storedCounts(hub);
  if (after.batches !== before.batches || after.submitted !== before.submitted) throw new Error(`a refused batch left rows behind: ${JSON.stringify({ before, after })}`);
  return res.body.message;
}

/** A hub with a requester and one annotator signed in (attack tests). */
export async function startVideoHub(overrides: Parameters<typeof startTestHub>[0] extends infer C ? Partial<C> : never = {}) {
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  const hub = await startTestHub({ requesters: [requester.address], operators: [], ...overrides });
  return { hub, requester, annotator, reqToken: await signIn(hub, requester), token: await signIn(hub, annotator) };
}
