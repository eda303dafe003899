import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, TEST_SCHEMA } from '../testKit';
import { freshSha, startVideoHub } from '../batches/videoTestKit';

/**
 * Attack: a requester marks a video item as a honeypot. A honeypot's known
 * answer is image shapes only (core/hubApi/tasks.ts), so annotators would be
 * judged — and their reputation lowered, slashing evidence built — on a few
 * single-frame boxes while their tracks, frame tags and segments are
 * ignored. The hub refuses such a task at publish (400 `video_honeypot`,
 * naming the item), before anything is stored (tasks/checkTaskTerms.ts).
 */
describe('attack: a honeypot on a video item', () => {
  let hub: RunningHub;
  let reqToken: string;

  beforeAll(async () => {
    ({ hub, reqToken } = await startVideoHub());
  }, 180_000);
  afterAll(async () => hub?.close());

  const stored = async () => {
    const [row] = await hub.context.db.query<{ tasks: number; items: number; honeypots: number }>(
      `SELECT (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM items) AS items, (SELECT count(*)::int FROM honeypots) AS honeypots`,
    );
    return row!;
  };

  const publish = (items: { sha256: string; video?: { frameCount: number; fps: number } }[], honeypots: string[]) =>
    call<{ error: string; message: string; taskId: string }>(hub, 'POST', '/tasks', {
      token: reqToken,
      json: {
        title: 'honeypot task',
        labelSchema: TEST_SCHEMA,
        redundancy: 2,
        rewardPerItem: '1000',
        items: items.map((it, i) => ({ fileName: `f${i}`, width: 640, height: 360, ...it })),
        honeypots: honeypots.map((sha256) => ({ sha256, shapes: [box('car', 10, 20)] })),
      },
    });

  it('refuses a honeypot naming a video item: 400 video_honeypot naming the item, nothing stored', async () => {
    const image = freshSha();
    const clip = freshSha();
    const before = await stored();
    const res = await publish([{ sha256: image }, { sha256: clip, video: { frameCount: 300, fps: 30 } }], [image, clip]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('video_honeypot');
    expect(res.body.message).toContain('honeypots[1]');
    expect(res.body.message).toContain('items[1]');
    expect(res.body.message).toContain(clip);
    expect(await stored()).toEqual(before);
  });

  it('control: the same task with its honeypot on the image item only is published, with one honeypot', async () => {
    const image = freshSha();
    const clip = freshSha();
    const before = await stored();
    const res = await publish([{ sha256: image }, { sha256: clip, video: { frameCount: 300, fps: 30 } }], [image]);
    expect(res.status).toBe(201);
    const after = await stored();
    expect(after).toEqual({ tasks: before.tasks + 1, items: before.items + 2, honeypots: before.honeypots + 1 });
  });
});
