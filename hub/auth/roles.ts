import { getAddress } from 'ethers';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { HubContext } from '../context';
import { unauthorized } from '../http/hubError';
import { GRANTED_ROLES, type GrantedRole } from '../../core/hubApi/roles';

export const ROLES = ['requester', 'annotator', 'reviewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an operator grants and revokes (stored in `role_grants`); operator comes from config only. Defined with the route (core/hubApi/roles.ts). */
export { GRANTED_ROLES, type GrantedRole };

export interface Account {
  address: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
  }
}

/** What roles are derived from: the configured address lists (a HubContext, or a command's config). */
export interface RoleConfig {
  config: { requesters: readonly string[]; operators: readonly string[] };
}

/** Sessions are stored by the hash of their token: a leaked table cannot be replayed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Roles from the current config (REQUESTERS / OPERATORS, the bootstrap lists); every account is an annotator. */
export function configuredRoles(ctx: RoleConfig, address: string): Role[] {
  const roles: Role[] = ['annotator'];
  if (ctx.config.requesters.some((a) => getAddress(a) === address)) roles.push('requester');
  if (ctx.config.operators.some((a) => getAddress(a) === address)) roles.push('operator');
  return roles;
}

/**
 * THE place that decides an account's roles: the roles granted in the
 * database (`role_grants`: requester, reviewer) ∪ the roles the current
 * config gives. Computed on every request, so a revoked grant or an address
 * taken out of OPERATORS / REQUESTERS takes effect at once, not when the
 * session ends. A stored 'operator' (or anything else) means nothing.
 */
export function effectiveRoles(ctx: RoleConfig, address: string, granted: readonly string[]): Role[] {
  const kept = granted.filter((r): r is GrantedRole => (GRANTED_ROLES as readonly string[]).includes(r));
  return [...new Set([...configuredRoles(ctx, address), ...kept])].sort();
}

/** The signed-in account of a request, or 401. */
export async function authenticate(ctx: HubContext, req: FastifyRequest): Promise<Account> {
  if (req.account) return req.account;
  const header = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m) throw unauthorized('sign in first: send "Authorization: Bearer <token>" from POST /auth/verify');
  const rows = await ctx.db.query<{ address: string; granted: string[]; expires_at: Date }>(
    `SELECT s.address, s.expires_at, ARRAY(SELECT g.role FROM role_grants g WHERE g.address = s.address ORDER BY g.role) AS granted
     FROM sessions s WHERE s.token_hash = $1`,
    [tokenHash(m[1]!)],
  );
  const row = rows[0];
  if (!row) throw unauthorized('unknown or revoked session token: sign in again');
  if (new Date(row.expires_at).getTime() <= ctx.now()) throw unauthorized('session expired: sign in again');
  req.account = { address: row.address, roles: effectiveRoles(ctx, row.address, row.granted) };
  return req.account;
}
