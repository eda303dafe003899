import pg from 'pg';
import { expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { startTestHub } from '../testKit';

const ROUNDS = 4;

/** The error and the first frames of ours it went through (which start step lost the race). */
function describeFailure(e: Error & { code?: string }): string {
  const ours = (e.stack ?? '').split('\n').filter((l) => /\/hub\/|pg-boss/.test(l) && !/node_modules\/pg\//.test(l)).slice(0, 3).map((l) => l.trim().replace(/^at /, ''));
  return `${e.code ?? ''} ${e.message}${ours.length ? ` (at ${ours.join(' ← ')})` : ''}`;
}
const REPLICAS = 3;

/**
 * Replicas of a new deployment start together on an empty database: each
 * start migrates the hub's schema and installs the job queue's (pg-boss).
 * In-process hubs (startHub, each with its own pool) run the very start-up
 * path of the replica processes, at a fraction of their cost, so a few
 * rounds fit in a test.
 */
describeOnPostgres('replicas started at once on an empty database', (serverUrl) => {
  // Each start runs the hub's migrations, then pg-boss's schema set-up and queues, under one session advisory lock
  // (db/startLock.ts). Without it every round lost one of two races (23505): `CREATE TABLE IF NOT EXISTS
  // schema_migrations` before any lock, and pg-boss's `CREATE SCHEMA IF NOT EXISTS pgboss`.
  it(`${REPLICAS} hubs started at once all come up, ${ROUNDS} rounds on fresh databases`, async () => {
    const failures: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const admin = new pg.Client({ connectionString: serverUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE start_race_${round}`);
      await admin.end();
      const url = new URL(serverUrl());
      url.pathname = `/start_race_${round}`;
      const starts = await Promise.allSettled(Array.from({ length: REPLICAS }, () => startTestHub({ databaseUrl: url.toString(), requesters: [], operators: [] })));
      for (const s of starts) if (s.status === 'rejected') failures.push(`round ${round}: ${describeFailure(s.reason as Error & { code?: string })}`);
      for (const s of starts) if (s.status === 'fulfilled') await (s.value as RunningHub).close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 300_000);
});
