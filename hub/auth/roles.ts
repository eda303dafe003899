import { getAddress } from 'ethers';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { HubContext } from '../context';
import { unauthorized } from '../http/hubError';

export const ROLES = ['requester', 'annotator', 'reviewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  address: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
  }
}

/** Sessions are stored by the hash of their token: a leaked table cannot be replayed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Roles from the current config (REQUESTERS / OPERATORS); every account is an annotator. */
export function configuredRoles(ctx: HubContext, address: string): Role[] {
  const roles: Role[] = ['annotator'];
  if (ctx.config.requesters.some((a) => getAddress(a) === address)) roles.push('requester');
  if (ctx.config.operators.some((a) => getAddress(a) === address)) roles.push('operator');
  return roles;
}

/** Roles an operator grants and revokes (stored in accounts.roles); the others come from config. */
const GRANTED_ROLES: readonly Role[] = ['reviewer'];

/**
 * An account's roles right now: the granted roles stored in the database ∪
 * the roles the current config gives. Computed on every request, so taking
 * an address out of OPERATORS (or revoking reviewer) takes effect at once,
 * not when the session ends; a stale 'operator' in accounts.roles means nothing.
 */
export function effectiveRoles(ctx: HubContext, address: string, stored: readonly string[]): Role[] {
  const granted = stored.filter((r): r is Role => (GRANTED_ROLES as readonly string[]).includes(r));
  return [...new Set([...configuredRoles(ctx, address), ...granted])].sort();
}

/** The signed-in account of a request, or 401. */
export async function authenticate(ctx: HubContext, req: FastifyRequest): Promise<Account> {
  if (req.account) return req.account;
  const header = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m) throw unauthorized('sign in first: send "Authorization: Bearer <token>" from POST /auth/verify');
  const rows = await ctx.db.query<{ address: string; roles: Role[]; expires_at: Date }>(
    `SELECT a.address, a.roles, s.expires_at FROM sessions s JOIN accounts a ON a.address = s.address WHERE s.token_hash = $1`,
    [tokenHash(m[1]!)],
  );
  const row = rows[0];
  if (!row) throw unauthorized('unknown or revoked session token: sign in again');
  if (new Date(row.expires_at).getTime() <= ctx.now()) throw unauthorized('session expired: sign in again');
  req.account = { address: row.address, roles: effectiveRoles(ctx, row.address, row.roles) };
  return req.account;
}
