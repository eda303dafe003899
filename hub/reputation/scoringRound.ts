import type { Db } from '../db/adapter';

/**
 * Items scored per transaction. PGlite is one connection: a scoring round
 * holds it, and every request waits behind it. 2,000 items took 0.4–1 s
 * there, long enough to show as a 1.7 s p95 in a batch-upload stream that
 * met a catch-up (bench:sync); 250 bound the wait to a tenth of that, and
 * the requests queued meanwhile go first between rounds. On PostgreSQL
 * other connections carry on, so a round stays large (fewer transactions).
 */
export function scoringRound(db: Pick<Db, 'kind'>): number {
  return db.kind === 'pglite' ? 250 : 2000;
}
