import { randomBytes } from 'node:crypto';
import { getAddress, verifyMessage } from 'ethers';
import { SiweMessage } from 'siwe';
import type { HubContext } from '../context';
import { badRequest, unauthorized } from '../http/hubError';
import { grantedRoles } from './roleGrants';
import { effectiveRoles, tokenHash, type Account } from './roles';
import { purgeExpired } from './purgeExpired';

const NONCE_TTL_MS = 10 * 60_000;

/** A single-use SIWE nonce (alphanumeric, as EIP-4361 requires), valid for ten minutes. */
export async function issueNonce(ctx: HubContext): Promise<string> {
  const nonce = randomBytes(16).toString('hex');
  // Expired rows go on every issue too, not only on the periodic purge.
  await purgeExpired(ctx);
  await ctx.db.query('INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, $2)', [nonce, new Date(ctx.now() + NONCE_TTL_MS)]);
  return nonce;
}

function parse(message: string): SiweMessage {
  try {
    return new SiweMessage(message);
  } catch (e) {
    throw badRequest('invalid_siwe', `not an EIP-4361 sign-in message: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Checks an EIP-4361 message against this hub (domain, URI, chain, nonce, time) and its signature. */
function checkMessage(ctx: HubContext, msg: SiweMessage, signature: string): string {
  const { config } = ctx;
  if (msg.domain !== config.siweDomain) throw unauthorized(`SIWE domain "${msg.domain}" is not this hub ("${config.siweDomain}")`);
  let origin: string;
  try {
    origin = new URL(msg.uri).origin;
  } catch {
    throw badRequest('invalid_siwe', `SIWE URI "${msg.uri}" is not a URL`);
  }
  if (origin !== new URL(config.publicUrl).origin) throw unauthorized(`SIWE URI "${msg.uri}" is not on this hub (${config.publicUrl})`);
  if (Number(msg.chainId) !== config.chainId) throw unauthorized(`SIWE chain id ${msg.chainId} is not this hub's chain ${config.chainId}`);
  const now = ctx.now();
  if (msg.expirationTime && Date.parse(msg.expirationTime) <= now) throw unauthorized(`SIWE message expired at ${msg.expirationTime}`);
  if (msg.notBefore && Date.parse(msg.notBefore) > now) throw unauthorized(`SIWE message is not valid before ${msg.notBefore}`);
  let signer: string;
  try {
    signer = verifyMessage(msg.prepareMessage(), signature);
  } catch {
    throw badRequest('invalid_signature', 'the SIWE signature is not a valid 65-byte signature');
  }
  if (signer !== getAddress(msg.address)) throw unauthorized(`SIWE signature is by ${signer}, not by ${msg.address}`);
  return signer;
}

/** Verifies a signed sign-in message, consumes its nonce and opens a session. */
export async function verifySignIn(ctx: HubContext, message: string, signature: string): Promise<{ token: string } & Account> {
  const msg = parse(message);
  const address = checkMessage(ctx, msg, signature);
  // Consumed only after the signature checked out, and atomically: a nonce signs in once.
  const used = await ctx.db.query('DELETE FROM auth_nonces WHERE nonce = $1 AND expires_at > $2 RETURNING nonce', [msg.nonce, new Date(ctx.now())]);
  if (used.length === 0) throw unauthorized(`SIWE nonce "${msg.nonce}" is unknown, expired or already used: ask POST /auth/nonce for a new one`);
  const token = randomBytes(32).toString('base64url');
  const granted = await ctx.db.transaction(async (tx) => {
    // Annotators self-register on first sign-in; roles are not stored here (auth/roles.ts derives them per request).
    await tx.query('INSERT INTO accounts (address) VALUES ($1) ON CONFLICT (address) DO NOTHING', [address]);
    await tx.query('INSERT INTO sessions (token_hash, address, expires_at) VALUES ($1, $2, $3)', [tokenHash(token), address, new Date(ctx.now() + ctx.config.sessionTtlMs)]);
    return grantedRoles(tx, address);
  });
  return { token, address, roles: effectiveRoles(ctx, address, granted) };
}
