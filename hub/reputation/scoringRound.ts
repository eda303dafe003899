import type { Db } from '../db/adapter';

/**
 * Items scored per transaction. PGlite is one connection: a scoring round
 * holds it, and every request waits behind it. 2,000 items took 0.4–1 s
 * there, long enough to show as a 1.7 s p95 in a batch-upload stream that
 * met a catch-up (bench:sync); 250 bound the wait to a tenth of that, and
 * the requests queued meanwhile go first between rounds. The price is
 * throughput under bulk ingest: more, smaller transactions, interleaved
 * with the uploads (bench:sync, two runs each, quiet: 10-item batches p95
 * 124–382 ms instead of up to 1.7 s, at 55–70 batches/s instead of 78–82;
 * 1,000-item batches 2.1–2.7/s instead of 3.0–3.6). An embedded hub is
 * used interactively (reviewers, status reads), so the bound wins. On
 * PostgreSQL other connections carry on, so a round stays large.
 */
export function scoringRound(db: Pick<Db, 'kind'>): number {
  return db.kind === 'pglite' ? 250 : 2000;
}
