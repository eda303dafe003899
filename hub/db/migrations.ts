import type { Db } from './adapter';
import { START_LOCK } from './startLock';
import { reviewMigration } from '../reputation/reviewMigration';
import { mediaUploadsMigration } from './mediaUploadsMigration';
import { requesterMigration } from './requesterMigration';
import { trustMigration } from './trustMigration';
import { videoMigration } from './videoMigration';
import { assignmentScaleMigration } from './assignmentScaleMigration';
import { jobQueueMigration } from './jobQueueMigration';
import { dropUnusedIndexMigration } from './dropUnusedIndexMigration';

/**
 * Versioned schema. Append new versions; never edit an applied one. Each
 * version is a list of single statements so the same runner works on PGlite
 * (extended protocol: one statement per query) and on pg.
 *
 * Compact rows on the ingest path: a batch is ONE row (its canonical labels
 * gzip-compressed), and an item submission is the annotator's assignment
 * row getting its batch id and label hash — no row per shape.
 */
export const migrations: { version: number; statements: string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE accounts (
        address text PRIMARY KEY,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE auth_nonces (nonce text PRIMARY KEY, expires_at timestamptz NOT NULL)`,
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        address text NOT NULL REFERENCES accounts(address),
        expires_at timestamptz NOT NULL)`,
      `CREATE TABLE media (sha256 text PRIMARY KEY, size bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE tasks (
        id text PRIMARY KEY,
        task_hash text NOT NULL UNIQUE,
        requester text NOT NULL,
        title text NOT NULL,
        label_schema jsonb NOT NULL,
        redundancy int NOT NULL CHECK (redundancy >= 1),
        reward_per_item numeric(78,0) NOT NULL,
        reward_token text NOT NULL,
        item_count int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE items (
        id text PRIMARY KEY,
        task_id text NOT NULL REFERENCES tasks(id),
        idx int NOT NULL,
        sha256 text NOT NULL,
        file_name text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        url text,
        status text NOT NULL DEFAULT 'open',
        assigned int NOT NULL DEFAULT 0,
        submitted int NOT NULL DEFAULT 0,
        consensus jsonb,
        finalized_at timestamptz,
        rewarded_epoch bigint,
        UNIQUE (task_id, idx))`,
      `CREATE TABLE batches (
        id bigserial PRIMARY KEY,
        digest text NOT NULL UNIQUE,
        annotator text NOT NULL,
        task_id text NOT NULL REFERENCES tasks(id),
        root text NOT NULL,
        item_count int NOT NULL,
        nonce numeric(78,0) NOT NULL,
        deadline numeric(78,0) NOT NULL,
        signature text NOT NULL,
        labels bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (annotator, nonce))`,
      `ALTER TABLE batches ALTER COLUMN labels SET STORAGE EXTERNAL`,
      `CREATE TABLE assignments (
        item_id text NOT NULL REFERENCES items(id),
        annotator text NOT NULL,
        task_id text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        batch_id bigint REFERENCES batches(id),
        label_hash text,
        PRIMARY KEY (annotator, item_id))`,
      `CREATE INDEX assignments_item ON assignments(item_id)`,
      `CREATE TABLE epochs (
        epoch bigint PRIMARY KEY,
        root text NOT NULL,
        tree jsonb NOT NULL,
        totals jsonb NOT NULL,
        status text NOT NULL,
        tx_hash text,
        closed_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE rewards (
        item_id text NOT NULL REFERENCES items(id),
        account text NOT NULL,
        epoch bigint NOT NULL REFERENCES epochs(epoch),
        amount numeric(78,0) NOT NULL,
        PRIMARY KEY (item_id, account))`,
    ],
  },
  {
    // Ingest speed: a batch no longer bumps a counter on each of its items (a
    // second per-item UPDATE on the request path); the submission count is
    // derived from the assignments, counted when consensus looks at an item.
    version: 2,
    statements: [`ALTER TABLE items DROP COLUMN submitted`],
  },
  // Issue 6: disputes, verdicts, honeypots, reputation, tiers (see reputation/reviewMigration.ts).
  reviewMigration,
  // Issue 9: evidence and slashings, random assignment, purge indexes (see trustMigration.ts).
  trustMigration,
  // Issue 11: granted roles (requester, reviewer) and the task fields a requester publishes (see requesterMigration.ts).
  requesterMigration,
  // Issue 11: who uploaded which media, so a requester learns only about their own (see mediaUploadsMigration.ts).
  mediaUploadsMigration,
  // Issue 14: per-task video consensus thresholds and each item's frame count and rate (see videoMigration.ts).
  videoMigration,
  // Issue 15: assignment from a maintained open-slot counter and partial indexes (see assignmentScaleMigration.ts).
  assignmentScaleMigration,
  // Issue 15: consensus, scoring and epochs as jobs in the PostgreSQL job queue (see jobQueueMigration.ts).
  jobQueueMigration,
  // Issue 15: the index only the assignment rule before migration 9 read (see dropUnusedIndexMigration.ts).
  dropUnusedIndexMigration,
];

export async function migrate(db: Db): Promise<number[]> {
  // Two hubs starting against one server must not both migrate, nor both create schema_migrations (IF NOT EXISTS
  // races: 23505); the session lock covers every step, each migration still commits on its own.
  return db.withSessionLock(START_LOCK, { wait: true }, async () => {
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied: number[] = [];
    for (const m of migrations) {
      const done = await db.transaction(async (tx) => {
        // Still taken: a hub of an earlier version, starting during a rolling upgrade, excludes others with this lock only.
        await tx.query('SELECT pg_advisory_xact_lock(424242)');
        const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (rows.length > 0) return false;
        for (const s of m.statements) await tx.query(s);
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
        return true;
      });
      if (done) applied.push(m.version);
    }
    return applied;
  });
}
