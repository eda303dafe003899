/**
 * Schema of issue 11 (the requester on the hub): roles an operator grants
 * (requester, reviewer) in their own table, so a grant needs no restart and
 * no earlier sign-in, and the fields a requester publishes a task with.
 *
 * `accounts.roles` is no longer read: granted roles live in `role_grants`,
 * configured ones (REQUESTERS / OPERATORS) are derived from the config at
 * every request (auth/roles.ts). Its reviewer grants move here and the
 * column is emptied, so a stale role in it cannot come back.
 */
export const requesterMigration = {
  version: 6,
  statements: [
    `CREATE TABLE role_grants (
      address text NOT NULL,
      role text NOT NULL CHECK (role IN ('requester', 'reviewer')),
      granted_by text NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (address, role))`,
    `INSERT INTO role_grants (address, role, granted_by) SELECT address, 'reviewer', 'migration 6' FROM accounts WHERE 'reviewer' = ANY(roles)`,
    `ALTER TABLE accounts ALTER COLUMN roles SET DEFAULT '{}'::text[]`,
    `UPDATE accounts SET roles = '{}'::text[]`,
    // What annotators read before their first item: markdown (≤ 20 kB, tasks/taskBody.ts) and example images (media sha256s).
    `ALTER TABLE tasks ADD COLUMN instructions text NOT NULL DEFAULT ''`,
    `ALTER TABLE tasks ADD COLUMN examples text[] NOT NULL DEFAULT '{}'::text[]`,
    // No new items are assigned after it (tasks/assignWork.ts); null = no deadline (tasks before this migration).
    `ALTER TABLE tasks ADD COLUMN deadline timestamptz`,
    // The requester's progress view counts a task's items by status and finalisation time, and its assignments per annotator.
    `CREATE INDEX items_task_status ON items(task_id, status, finalized_at)`,
    `CREATE INDEX assignments_task ON assignments(task_id, annotator)`,
  ],
};
