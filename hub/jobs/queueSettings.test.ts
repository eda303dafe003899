import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/adapter';
import { openDb } from '../db/openDb';
import { JOB_DEFAULTS, type JobSettings } from './jobSettings';
import { QUEUES, startJobQueue, type JobHandlers } from './jobQueue';

const noHandlers: JobHandlers = { [QUEUES.decide]: async () => {}, [QUEUES.sweep]: async () => {}, [QUEUES.score]: async () => {} };

/**
 * pg-boss keeps retry and expiry per queue, in its row, and every job takes
 * them from there; createQueue leaves an existing row alone. A hub started
 * on a database another one created must still run with its own settings
 * (HUB_JOB_RETRY_LIMIT …), not the first process's.
 */
describe('job queue settings on a database created with other settings', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({});
  }, 180_000);
  afterAll(async () => db?.close(), 180_000);

  const queueRows = () =>
    db.query<{ name: string; policy: string; retry_limit: number; retry_delay: number; expire_seconds: number }>(
      'SELECT name, policy, retry_limit, retry_delay, expire_seconds FROM pgboss.queue ORDER BY name',
    );

  it('the settings of the latest start apply to its queues and to the jobs it sends; the policies stay', async () => {
    const first = await startJobQueue(db, { ...JOB_DEFAULTS, work: false }, noHandlers, () => {});
    await first.close();
    expect((await queueRows()).map((q) => q.retry_limit)).toEqual([JOB_DEFAULTS.retryLimit, JOB_DEFAULTS.retryLimit, JOB_DEFAULTS.retryLimit]);

    const settings: JobSettings = { ...JOB_DEFAULTS, work: false, retryLimit: 1, retryDelaySeconds: 7, expireSeconds: 42 };
    const second = await startJobQueue(db, settings, noHandlers, () => {});
    try {
      expect(await queueRows()).toEqual([
        { name: QUEUES.decide, policy: 'standard', retry_limit: 1, retry_delay: 7, expire_seconds: 42 },
        { name: QUEUES.sweep, policy: 'short', retry_limit: 1, retry_delay: 7, expire_seconds: 42 },
        { name: QUEUES.score, policy: 'short', retry_limit: 1, retry_delay: 7, expire_seconds: 42 },
      ]);
      await db.transaction((tx) => second.enqueueDecision(tx, ['some-item']));
      const [job] = await db.query<{ retry_limit: number; retry_delay: number; expire_in: string }>(
        `SELECT retry_limit, retry_delay, extract(epoch FROM expire_in)::int::text AS expire_in FROM pgboss.job WHERE name = $1`,
        [QUEUES.decide],
      );
      expect(job).toEqual({ retry_limit: 1, retry_delay: 7, expire_in: '42' });
    } finally {
      await second.close();
    }
  }, 120_000);
});
