/**
 * Schema of issue 6 (disputes, verdicts, honeypots, reputation, tiers),
 * appended to db/migrations.ts. Kept beside the code that uses it so the
 * ingest engineers' migrations file only gains one line.
 */
export const reviewMigration = {
  version: 4,
  statements: [
    `ALTER TABLE tasks ADD COLUMN level int NOT NULL DEFAULT 0`,
    `ALTER TABLE tasks ADD COLUMN reviewer_fee numeric(78,0) NOT NULL DEFAULT 0`,
    // Set once an item's final labels (consensus or verdict) have moved its annotators' reputation.
    `ALTER TABLE items ADD COLUMN reputation_scored_at timestamptz`,
    `CREATE INDEX items_unscored ON items(id) WHERE status IN ('accepted', 'resolved') AND reputation_scored_at IS NULL`,
    // Known answers: never sent to annotators.
    `CREATE TABLE honeypots (item_id text PRIMARY KEY REFERENCES items(id), shapes jsonb NOT NULL)`,
    `CREATE TABLE honeypot_scores (
      item_id text NOT NULL REFERENCES honeypots(item_id),
      annotator text NOT NULL,
      agreed boolean NOT NULL,
      scored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (item_id, annotator))`,
    `CREATE TABLE verdicts (
      id bigserial PRIMARY KEY,
      digest text NOT NULL UNIQUE,
      reviewer text NOT NULL,
      item_id text NOT NULL UNIQUE REFERENCES items(id),
      task_id text NOT NULL REFERENCES tasks(id),
      labels_hash text NOT NULL,
      nonce numeric(78,0) NOT NULL,
      deadline numeric(78,0) NOT NULL,
      signature text NOT NULL,
      shapes jsonb NOT NULL,
      reasons jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (reviewer, nonce))`,
    // annotator: core AnnotatorReputation; reviewer: BetaReputation or null; paid_overall: the overall
    // Beta as it stood when the last epoch closed (what this epoch's reward multiplier is read from).
    `CREATE TABLE reputations (
      account text PRIMARY KEY,
      annotator jsonb NOT NULL,
      reviewer jsonb,
      paid_overall jsonb,
      updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE reputation_history (
      id bigserial PRIMARY KEY,
      account text NOT NULL,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      item_id text,
      delta double precision NOT NULL,
      mean double precision NOT NULL)`,
    `CREATE INDEX reputation_history_account ON reputation_history(account, id)`,
    // Who asked for work on a task recently: the competition for scarce items (tiers/scarceWork.ts).
    `CREATE TABLE work_requests (
      task_id text NOT NULL REFERENCES tasks(id),
      annotator text NOT NULL,
      requested_at timestamptz NOT NULL,
      PRIMARY KEY (task_id, annotator))`,
  ],
};
