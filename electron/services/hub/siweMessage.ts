/**
 * An EIP-4361 (Sign-In with Ethereum) message, built on the Node side so the
 * renderer never handles what the key signs. The hub checks domain, URI,
 * chain id, nonce and the time fields.
 */
export interface SiweFields {
  /** The hub's host[:port]. */
  domain: string;
  /** EIP-55 checksummed. */
  address: string;
  uri: string;
  chainId: number;
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
  statement?: string;
}

export function siweMessage(fields: SiweFields): string {
  return [
    `${fields.domain} wants you to sign in with your Ethereum account:`,
    fields.address,
    '',
    fields.statement ?? 'Sign in to this Groundwork hub to receive work and upload signed label batches.',
    '',
    `URI: ${fields.uri}`,
    'Version: 1',
    `Chain ID: ${fields.chainId}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${fields.issuedAt.toISOString()}`,
    `Expiration Time: ${fields.expiresAt.toISOString()}`,
  ].join('\n');
}
