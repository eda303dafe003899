import { Contract, type Provider } from 'ethers';
import { ERC20_ABI } from '../chain/erc20Abi';

/** What the workstation shows of a token: read from the token contract itself, never from a hub. */
export interface TokenFacts {
  symbol: string | null;
  /** null when the token has no `decimals()` (or answers nonsense): amounts are then shown as raw units. */
  decimals: number | null;
}

/** More places than any real token uses: a larger answer is a lie, and amounts are shown raw. */
const MAX_DECIMALS = 36;

/**
 * Symbol and decimals of `token`, each null when the call reverts or answers something unusable. A requester's
 * own token may be hostile: nothing here throws, and nothing trusts an answer beyond showing it.
 */
export async function readTokenFacts(provider: Provider, token: string): Promise<TokenFacts> {
  const erc20 = new Contract(token, ERC20_ABI, provider);
  const [symbol, decimals] = await Promise.all([
    (erc20.getFunction('symbol')() as Promise<string>).then((s) => (typeof s === 'string' ? s.slice(0, 32) : null)).catch(() => null),
    (erc20.getFunction('decimals')() as Promise<bigint>).then((d) => (BigInt(d) <= BigInt(MAX_DECIMALS) ? Number(d) : null)).catch(() => null),
  ]);
  return { symbol, decimals };
}

/** The account's balance of `token`; null when the token does not answer. */
export async function balanceOrNull(provider: Provider, token: string, account: string): Promise<bigint | null> {
  return (new Contract(token, ERC20_ABI, provider).getFunction('balanceOf')(account) as Promise<bigint>).then(BigInt).catch(() => null);
}
