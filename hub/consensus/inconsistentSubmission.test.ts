import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { box, call, createTestTask, startTestHub } from '../testKit';
import { labelTask } from '../verdicts/verdictTestKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import { hubJobHandlers } from '../jobs/hubJobs';
import { QUEUES } from '../jobs/jobQueue';
import { finalizeItems, finalizeReadyItems } from './finalizeItems';

/**
 * Ingest refuses a submission of the wrong kind (video labels on an image,
 * none on a video), so one in the database means stored data went wrong. The
 * item is then never decided on what is left (that would change who is paid):
 * it stays open, the error names it and the annotator, and the other items of
 * the round are decided all the same.
 */
describe('consensus over a submission of the wrong kind', () => {
  let s: VideoReviewScenario;
  const item = async (id: string) => (await s.hub.context.db.query<{ status: string; consensus: unknown }>('SELECT status, consensus FROM items WHERE id = $1', [id]))[0]!;

  beforeAll(async () => {
    s = await buildVideoReviewScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 180_000);

  it('leaves a video item with an image-only submission open, names it, and decides the rest of the round', async () => {
    const hub = s.hub;
    const annotators = s.annotators.slice(0, 2);
    const { taskId } = await createTestTask(hub, s.requesterToken, 2, 2);
    const [first] = await labelTask(hub, taskId, annotators.slice(0, 1), 2, () => [box('car', 10, 10)]);
    // The first item turns into a video after its first (image) submission: what a damaged database would hold.
    await hub.context.db.query(`UPDATE items SET video = '{"frameCount":100,"fps":25}'::jsonb WHERE id = $1`, [first]);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const [again, second] = await labelTask(hub, taskId, annotators.slice(1), 2, () => [box('car', 10, 10)]);
      expect(again).toBe(first);
      expect(logged.mock.calls.flat().join(' ')).toContain(`item ${first}: the submission of`);
      expect(await item(first!)).toEqual({ status: 'open', consensus: null });
      expect((await item(second!)).status).toBe('accepted');
    } finally {
      logged.mockRestore();
    }
    // At start and before an epoch close: reported, the item stays open, and nothing else is held back.
    const reported: string[] = [];
    expect(await finalizeReadyItems(hub.context, (e) => reported.push(e.message))).toBe(0);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(new RegExp(`item ${first}: the submission of 0x[0-9a-fA-F]{40} carries no video labels, but the item is a video`));
    expect((await item(first!)).status).toBe('open');
  });

  it('a decide round whose jobs mix a corrupt item with other batches\' items fails loudly for it and decides the rest', async () => {
    const hub = s.hub;
    const annotators = s.annotators.slice(0, 2);
    const { taskId } = await createTestTask(hub, s.requesterToken, 2, 2);
    const [corrupt] = await labelTask(hub, taskId, annotators.slice(0, 1), 2, () => [box('car', 10, 10)]);
    await hub.context.db.query(`UPDATE items SET video = '{"frameCount":100,"fps":25}'::jsonb WHERE id = $1`, [corrupt]);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const [, healthy] = await labelTask(hub, taskId, annotators.slice(1), 2, () => [box('car', 10, 10)]);
      // Re-opened as if its job had not run yet: now both are in one round, as two batches' jobs.
      await hub.context.db.query(`UPDATE items SET status = 'open', consensus = NULL, finalized_at = NULL WHERE id = $1`, [healthy]);
      const round = hubJobHandlers(hub.context)[QUEUES.decide]([{ itemIds: [corrupt] }, { itemIds: [healthy] }]);
      await expect(round).rejects.toThrow(new RegExp(`item ${corrupt}: the submission of`));
      expect(await item(corrupt!)).toEqual({ status: 'open', consensus: null });
      expect((await item(healthy!)).status).toBe('accepted');
    } finally {
      logged.mockRestore();
    }
  });

  it('a round with an item whose stored labels cannot be read leaves that item open, names it, and decides the rest', async () => {
    const hub = s.hub;
    const annotators = s.annotators.slice(0, 2);
    // Two tasks of one item each: every batch holds one item, so damaging one batch touches one item only.
    const [damaged, healthy] = await Promise.all(
      [0, 1].map(async () => (await labelTask(hub, (await createTestTask(hub, s.requesterToken, 1, 2)).taskId, annotators, 1, () => [box('car', 10, 10)]))[0]!),
    );
    expect((await item(damaged!)).status).toBe('accepted');
    await hub.context.db.query(`UPDATE batches SET labels = '\\x00ff'::bytea WHERE id = (SELECT batch_id FROM assignments WHERE item_id = $1 ORDER BY annotator LIMIT 1)`, [damaged]);
    await hub.context.db.query(`UPDATE items SET status = 'open', consensus = NULL, finalized_at = NULL WHERE id = ANY($1::text[])`, [[damaged, healthy]]);
    await expect(finalizeItems(hub.context, [damaged!, healthy!])).rejects.toThrow(new RegExp(`1 item\\(s\\) left open: item ${damaged}: the labels of batch 0x[0-9a-f]{64} cannot be read \\(.+\\): stored data is inconsistent`));
    expect(await item(damaged!)).toEqual({ status: 'open', consensus: null });
    expect((await item(healthy!)).status).toBe('accepted');
  });

  it('refuses to decide an image item whose submissions carry video labels', async () => {
    const hub = s.hub;
    // Re-open the accepted clip as an image item (a damaged row): deciding it again must fail, not drop the video.
    await hub.context.db.query(`UPDATE items SET video = NULL, status = 'open', consensus = NULL WHERE id = $1`, [s.items.accepted]);
    await expect(finalizeItems(hub.context, [s.items.accepted])).rejects.toThrow(/carries video labels, but the item is an image: stored data is inconsistent/);
    expect(await item(s.items.accepted)).toEqual({ status: 'open', consensus: null });
    expect((await call(hub, 'GET', `/items/${s.items.disputed}`, { token: s.operatorToken })).status).toBe(200);
  });
});
