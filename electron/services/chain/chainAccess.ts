import type { JsonRpcProvider } from 'ethers';
import { connectRpc } from '../../../native/chain';
import { ServiceError } from '../../common/contract/errors';
import type { HubConfig } from '../../common/services/hubService';
import { untrustedHubError } from '../hub/pinnedValues';
import type { HubRegistry } from '../hub/hubRegistry';
import { assertRpcChain } from './rpcChainId';

/**
 * The chain behind a hub: its PINNED values (never a live /config) and one RPC
 * connection per endpoint, kept for the host session. Before every use the
 * endpoint must answer the pinned chain id, so an RPC that moved to another
 * chain is refused before any read or transaction. Shared by rewards and stake.
 */
export function createChainAccess(registry: HubRegistry) {
  const providers = new Map<string, JsonRpcProvider>();
  return {
    async chainOf(hubUrl: string): Promise<{ config: HubConfig; rpcUrl: string; provider: JsonRpcProvider }> {
      const config = (await registry.get(hubUrl))?.config;
      if (!config) throw untrustedHubError(hubUrl);
      if (!config.rpcUrl) throw new ServiceError(`no chain RPC URL is known for ${hubUrl}: connect to the hub again with its chain's rpcUrl`, { code: 'no-rpc' });
      await assertRpcChain(config.rpcUrl, config.chainId);
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
