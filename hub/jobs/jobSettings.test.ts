import { Wallet } from 'ethers';
import { expect, it } from 'vitest';
import { configFromEnv } from '../config';
import { startTestHub } from '../testKit';
import { JOB_DEFAULTS } from './jobSettings';

const BASE_ENV = { CHAIN_ID: '31337', REWARDS_CONTRACT: Wallet.createRandom().address };

it('configFromEnv reads the job settings from the environment', () => {
  const config = configFromEnv({
    ...BASE_ENV,
    HUB_JOB_WORKERS: '0',
    HUB_JOB_POLL_MS: '750',
    HUB_JOB_RETRY_LIMIT: '3',
    HUB_JOB_RETRY_DELAY_SECONDS: '4',
    HUB_JOB_EXPIRE_SECONDS: '60',
    HUB_JOB_MAINTENANCE_SECONDS: '30',
    HUB_SCORE_DELAY_SECONDS: '1',
    HUB_DECISION_WAIT_MS: '250',
    HUB_JOB_DECIDE_ROUND: '7',
    HUB_JOB_DECIDE_LINGER_MS: '0',
  });
  expect(config.jobs).toEqual({ work: false, pollMs: 750, decideRoundJobs: 7, decideLingerMs: 0, retryLimit: 3, retryDelaySeconds: 4, expireSeconds: 60, maintenanceSeconds: 30, scoreDelaySeconds: 1, decisionWaitMs: 250 });
  expect(configFromEnv(BASE_ENV).jobs).toEqual(JOB_DEFAULTS);
});

it('configFromEnv reads the database pool size, and refuses one that is not a positive integer', () => {
  expect(configFromEnv({ ...BASE_ENV, HUB_DB_POOL: '12' }).dbPool).toBe(12);
  expect(configFromEnv(BASE_ENV).dbPool).toBeUndefined();
  expect(() => configFromEnv({ ...BASE_ENV, HUB_DB_POOL: '0' })).toThrow(/HUB_DB_POOL must be a positive integer/);
  // One connection would hang the start: its session lock holds it while migrations query through another.
  expect(() => configFromEnv({ ...BASE_ENV, HUB_DB_POOL: '2' })).toThrow(/HUB_DB_POOL must be at least 3/);
});

it("startHub runs with the config's job settings, the caller's own laid over them", async () => {
  const hub = await startTestHub({ requesters: [], operators: [], jobs: { decisionWaitMs: 250, retryLimit: 3 } }, { retryLimit: 1 });
  try {
    expect(hub.context.jobSettings).toEqual({ ...JOB_DEFAULTS, decisionWaitMs: 250, retryLimit: 1 });
    const [queue] = await hub.context.db.query<{ retry_limit: number }>(`SELECT retry_limit FROM pgboss.queue WHERE name = 'consensus-decide'`);
    expect(queue!.retry_limit).toBe(1);
  } finally {
    await hub.close();
  }
}, 180_000);
