import { getAddress } from 'ethers';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { HubContext } from '../context';
import { forbidden, unauthorized } from '../http/hubError';

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

/** Roles from config are re-applied on every sign-in, so a changed REQUESTERS/OPERATORS list takes effect. */
export function configuredRoles(ctx: HubContext, address: string): Role[] {
  const roles: Role[] = ['annotator'];
  if (ctx.config.requesters.some((a) => getAddress(a) === address)) roles.push('requester');
  if (ctx.config.operators.some((a) => getAddress(a) === address)) roles.push('operator');
  return roles;
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
  req.account = { address: row.address, roles: row.roles };
  return req.account;
}

/** A preHandler that admits only accounts holding one of `roles`. */
export function requireRole(ctx: HubContext, ...roles: Role[]) {
  return async (req: FastifyRequest): Promise<void> => {
    const account = await authenticate(ctx, req);
    if (roles.length > 0 && !roles.some((r) => account.roles.includes(r))) {
      throw forbidden('forbidden', `this needs the ${roles.join(' or ')} role; ${account.address} has ${account.roles.join(', ')}`);
    }
  };
}
