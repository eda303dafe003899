import { expect, it } from 'vitest';
import { openDb } from '../db/openDb';
import { JOB_DEFAULTS } from './jobSettings';
import { QUEUES, startJobQueue, type JobHandlers } from './jobQueue';

const noHandlers: JobHandlers = { [QUEUES.decide]: async () => {}, [QUEUES.sweep]: async () => {}, [QUEUES.score]: async () => {} };

/**
 * A queue whose start fails after pg-boss started (here: a worker option
 * pg-boss refuses) must stop pg-boss before it throws: the caller closes the
 * database next, and pg-boss's timers (maintenance every second here) would
 * otherwise go on querying it, each run an error.
 */
it('a failed start leaves no pg-boss running against the closed database', async () => {
  const db = await openDb({});
  const errors: Error[] = [];
  // pollMs below pg-boss's floor: boss.work() throws, after boss.start() and the queues.
  await expect(startJobQueue(db, { ...JOB_DEFAULTS, work: true, pollMs: 100, maintenanceSeconds: 1 }, noHandlers, (e) => errors.push(e))).rejects.toThrow(/pollingInterval/);
  await db.close();
  // Several maintenance periods.
  await new Promise((r) => setTimeout(r, 4_000));
  expect(errors.map((e) => e.message)).toEqual([]);
}, 120_000);
