import { changeRole, type RoleChange } from '../auth/roleGrants';
import type { HubConfig } from '../config';
import { openDb } from '../db/openDb';

/**
 * `npm run hub -- grant <requester|reviewer> <address>` and `-- revoke …`:
 * the same write as the operator's `POST`/`DELETE /accounts/:address/roles`
 * (auth/roleGrants.ts), straight on the hub's database — no chain, no port.
 * Roles are read at every request, so a running hub applies it on the
 * account's next request. PGlite is single-process: with HUB_DATA_DIR stop
 * the server first (or use the HTTP route); with DATABASE_URL run it beside.
 */
export async function runRoleCommand(config: Pick<HubConfig, 'dataDir' | 'databaseUrl' | 'requesters' | 'operators'>, grant: boolean, args: readonly string[]): Promise<RoleChange> {
  if (args.length !== 2) throw new Error(`usage: ${grant ? 'grant' : 'revoke'} <requester|reviewer> <address>`);
  const db = await openDb({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await changeRole(db, { config: { requesters: config.requesters, operators: config.operators } }, grant, args[1]!, args[0]!, 'command line');
  } finally {
    await db.close();
  }
}

export function formatRoleChange(grant: boolean, c: RoleChange): string[] {
  const lines = [
    `${c.address}: ${c.role} ${grant ? (c.changed ? 'granted' : 'was already granted') : c.changed ? 'revoked' : 'was not granted'}; roles now ${c.roles.join(', ')}`,
  ];
  if (grant && !c.signedInBefore) lines.push('  (this address has not signed in yet: the role applies from its first sign-in)');
  if (c.stillFromConfig) lines.push(`  (still a ${c.role}: the address is listed in ${c.role === 'requester' ? 'REQUESTERS' : 'the config'}; remove it there and restart)`);
  return lines;
}
