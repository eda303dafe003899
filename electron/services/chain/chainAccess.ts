import type { JsonRpcProvider } from 'ethers';
import { connectRpc } from '../../../native/chain';
import { ServiceError } from '../../common/contract/errors';
import type { HubClient } from '../hub/hubClient';
import type { HubRegistry } from '../hub/hubRegistry';

/**
 * The chain behind a hub: its remembered config and one RPC connection per
 * endpoint, kept for the host session. Shared by the rewards and stake
 * services.
 */
export function createChainAccess(registry: HubRegistry, client: HubClient) {
  const providers = new Map<string, JsonRpcProvider>();
  return {
    async chainOf(hubUrl: string) {
      const config = (await registry.get(hubUrl))?.config ?? (await client.configOf(hubUrl));
      if (!config.rpcUrl) throw new ServiceError(`no chain RPC URL is known for ${hubUrl}: connect to the hub again with its chain's rpcUrl`, { code: 'no-rpc' });
      let provider = providers.get(config.rpcUrl);
      if (!provider) providers.set(config.rpcUrl, (provider = connectRpc(config.rpcUrl)));
      return { config, rpcUrl: config.rpcUrl, provider };
    },
    dispose() {
      for (const provider of providers.values()) provider.destroy();
      providers.clear();
    },
  };
}

export type ChainAccess = ReturnType<typeof createChainAccess>;
