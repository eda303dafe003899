/**
 * The session advisory lock that serialises schema set-up across hub
 * processes starting at once on one PostgreSQL database: the hub's
 * migrations (db/migrations.ts) and pg-boss's schema and queues
 * (jobs/jobQueue.ts). Both use `CREATE … IF NOT EXISTS`, which is not safe
 * against a concurrent creator (23505 on the catalog's unique index), so one
 * process at a time does each. On PGlite (one process) it is an in-process lock.
 */
export const START_LOCK = 424240n;
