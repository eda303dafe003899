import type { HubContext } from '../context';

/**
 * Deletes expired SIWE nonces and sessions. Without it both tables only
 * grow: every anonymous POST /auth/nonce and every sign-in leaves a row
 * (migration 5 indexes expires_at so this is a range delete).
 */
export async function purgeExpired(ctx: Pick<HubContext, 'db' | 'now'>): Promise<{ nonces: number; sessions: number }> {
  const now = new Date(ctx.now());
  // Counted in SQL: a flood can leave many rows, and they need not travel back.
  const [nonces] = await ctx.db.query<{ n: number }>('WITH d AS (DELETE FROM auth_nonces WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [now]);
  const [sessions] = await ctx.db.query<{ n: number }>('WITH d AS (DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [now]);
  return { nonces: nonces!.n, sessions: sessions!.n };
}

/**
 * Purges every `intervalMs` in the background (unref'd: it never keeps the
 * process alive). Returns the function that stops it; a failed purge is
 * logged and retried at the next tick.
 */
export function startPurging(ctx: Pick<HubContext, 'db' | 'now'>, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = purgeExpired(ctx).catch((e: unknown) => console.error('hub: purging expired nonces and sessions failed', e));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    // Let a purge in flight finish before the database closes.
    await running;
  };
}
