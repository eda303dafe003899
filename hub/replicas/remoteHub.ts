import { configRoute } from '../../core/hubApi/config';
import { callRoute } from '../http/callRoute';
import type { RunningHub } from '../startHub';

/**
 * A hub reached only over HTTP (a replica process, or the proxy in front of
 * them), shaped as testKit's helpers read a hub: they sign SIWE messages for
 * `context.config.siweDomain` and batches in the EIP-712 domain of
 * `chainId`/`rewardsContract`, all served by GET /config. Nothing else of
 * the context exists: this process holds no hub.
 */
export async function remoteHub(url: string): Promise<RunningHub> {
  const served = await callRoute({ url }, configRoute);
  const config = { siweDomain: served.siweDomain, chainId: served.chainId, rewardsContract: served.rewardsContract };
  return { url, context: { config } } as unknown as RunningHub;
}

/** The same hub answering at another address (a replica behind the proxy): what it signs for is still the proxy's. */
export function atAddress(hub: RunningHub, url: string): RunningHub {
  return { ...hub, url };
}
