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
  // it.fails: a real bug, not fixed at this commit; every round loses one of two races (23505):
  //  - db/migrations.ts migrate() runs `CREATE TABLE IF NOT EXISTS schema_migrations` before any lock
  //    (pg_type_typname_nsp_index);
  //  - pg-boss's schema creation (jobs/jobQueue.ts boss.start() → Contractor.create): its advisory lock and
  //    `CREATE SCHEMA IF NOT EXISTS pgboss` go in one multi-statement script, and the waiter's catalog lookup does
  //    not see the schema the holder just committed (pg_namespace_nspname_index).
  // Turn this back into `it` once both starts are serialised (e.g. under one session advisory lock taken before
  // either step).
  it.fails(`${REPLICAS} hubs started at once all come up, ${ROUNDS} rounds on fresh databases`, async () => {
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
