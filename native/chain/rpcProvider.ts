import { JsonRpcProvider } from 'ethers';

/**
 * A JSON-RPC provider fit for a local, automining chain. ethers caches answers
 * for 250 ms by default, which on anvil returns a stale nonce for the second
 * transaction ("nonce has already been used"); cacheTimeout -1 turns that off.
 * staticNetwork asks for the chain id once instead of before every call, and a
 * 50 ms polling interval makes tx.wait() return promptly (default is 4 s).
 */
export function connectRpc(rpcUrl: string): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
}
