import { configRoute } from '../../core/hubApi/config';
import { callRoute } from '../http/callRoute';
import type { RunningHub } from '../startHub';

/**
 * A hub reached only over HTTP (a replica process, or the proxy in front of
 * them), shaped as the test kits read a hub: testKit signs SIWE messages for
 * `context.config.siweDomain` and batches in the EIP-712 domain of
 * `chainId`/`rewardsContract`, epochTestKit's fundTask deposits the
 * `token` into `rewardsContract` over `context.chain.rpcUrl` — all served by
 * GET /config but the RPC URL, which the caller knows. Nothing else of the
 * context exists: this process holds no hub.
 */
export async function remoteHub(url: string, rpcUrl: string): Promise<RunningHub> {
  const served = await callRoute({ url }, configRoute);
  const config = { siweDomain: served.siweDomain ?? new URL(url).host, chainId: served.chainId, rewardsContract: served.rewardsContract, token: served.token };
  return { url, context: { config, chain: { rpcUrl } } } as unknown as RunningHub;
}

/** The same hub answering at another address (a replica behind the proxy): what it signs for is still the proxy's. */
export function atAddress(hub: RunningHub, url: string): RunningHub {
  return { ...hub, url };
}
