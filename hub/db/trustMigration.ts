/**
 * Schema of issue 9 (consensus that can be trusted): slashable evidence and
 * the slashings that used it, a random shuffle key per item so assignment
 * draws from the whole pool of open items instead of in index order, and
 * indexes for purging expired nonces and sessions.
 */
export const trustMigration = {
  version: 5,
  statements: [
    // Evidence against an account that may justify a slash: a failed honeypot, a verdict against its labels.
    `CREATE TABLE evidence (
      id bigserial PRIMARY KEY,
      account text NOT NULL,
      kind text NOT NULL,
      item_id text REFERENCES items(id),
      task_id text REFERENCES tasks(id),
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account, kind, item_id))`,
    `CREATE INDEX evidence_account ON evidence(account, id)`,
    // A slash as the operator ordered it: the evidence it rests on (ids and their hash, which the contract event carries) and its transaction.
    `CREATE TABLE slashings (
      id bigserial PRIMARY KEY,
      account text NOT NULL,
      amount numeric(78,0) NOT NULL,
      reason text NOT NULL,
      evidence_ids bigint[] NOT NULL,
      evidence_hash text NOT NULL,
      status text NOT NULL,
      tx_hash text,
      error text,
      created_at timestamptz NOT NULL DEFAULT now())`,
    // A uniform random key per item: assignment seeks from random points of it (tasks/assignWork.ts).
    `ALTER TABLE items ADD COLUMN shuffle double precision NOT NULL DEFAULT random()`,
    `CREATE INDEX items_open_shuffle ON items(task_id, shuffle) WHERE status = 'open'`,
    `CREATE INDEX auth_nonces_expiry ON auth_nonces(expires_at)`,
    `CREATE INDEX sessions_expiry ON sessions(expires_at)`,
    `CREATE INDEX sessions_address ON sessions(address)`,
    // Media access and URL redirects look items up by their media hash (access/mediaAccess.ts).
    `CREATE INDEX items_sha256 ON items(sha256)`,
  ],
};
