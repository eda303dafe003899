import { getAddress } from 'ethers';
import type { Queryable } from '../db/adapter';
import { badRequest } from '../http/hubError';
import { effectiveRoles, GRANTED_ROLES, type GrantedRole, type RoleConfig, type Role } from './roles';

export interface RoleChange {
  address: string;
  role: GrantedRole;
  /** Whether the stored grant changed (false: granted twice, or revoking a role never granted). */
  changed: boolean;
  /** The account's roles right now (grants ∪ config). */
  roles: Role[];
  /** False for an address that never signed in: a grant may precede the first sign-in. */
  signedInBefore: boolean;
  /** Set when the config still gives the revoked role (REQUESTERS): only a config change takes it away. */
  stillFromConfig: boolean;
}

export function parseAddress(value: string): string {
  try {
    return getAddress(value);
  } catch {
    throw badRequest('invalid_address', `not an address: "${value}"`);
  }
}

export function parseGrantedRole(value: string): GrantedRole {
  if (!(GRANTED_ROLES as readonly string[]).includes(value)) {
    throw badRequest('invalid_role', `"${value}" cannot be granted: use ${GRANTED_ROLES.join(' or ')} (operators come from OPERATORS only)`);
  }
  return value as GrantedRole;
}

export async function grantedRoles(db: Queryable, address: string): Promise<string[]> {
  const rows = await db.query<{ role: string }>('SELECT role FROM role_grants WHERE address = $1 ORDER BY role', [address]);
  return rows.map((r) => r.role);
}

/**
 * Grants or revokes a role in the database — the one write path for both
 * the operator's HTTP route and `npm run hub -- grant|revoke`. The change
 * counts from the account's next request (roles are read per request).
 */
export async function changeRole(db: Queryable, ctx: RoleConfig, grant: boolean, addressInput: string, roleInput: string, by: string): Promise<RoleChange> {
  const address = parseAddress(addressInput);
  const role = parseGrantedRole(roleInput);
  const changedRows = grant
    ? await db.query('INSERT INTO role_grants (address, role, granted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING role', [address, role, by])
    : await db.query('DELETE FROM role_grants WHERE address = $1 AND role = $2 RETURNING role', [address, role]);
  const [known] = await db.query('SELECT 1 FROM accounts WHERE address = $1', [address]);
  const roles = effectiveRoles(ctx, address, await grantedRoles(db, address));
  return { address, role, changed: changedRows.length > 0, roles, signedInBefore: Boolean(known), stillFromConfig: !grant && roles.includes(role) };
}
