import { registerService, type ServiceRegistration } from '../common/contract/createDispatcher';
import type { EventBus } from '../common/contract/eventBus';
import { hubService, localNetworkService, rewardsService, stakeService, walletService } from '../common/services';
import { createDownloadJob } from './hub/downloadJob';
import { createHubClient } from './hub/hubClient';
import { normalizeHubUrl } from './hub/hubHttp';
import { createHubRegistry } from './hub/hubRegistry';
import { createHubService } from './hub/hubServiceImpl';
import { assertOwnSiweDomain } from './hub/siweDomain';
import { createLocalNetworkService } from './localNetwork/localNetworkServiceImpl';
import type { RootStore } from './media/rootStore';
import { createRewardsService } from './rewards/rewardsServiceImpl';
import { createStakeService } from './stake/stakeServiceImpl';
import { createWallet, type WalletOptions } from './wallet/walletServiceImpl';

/** A hub running on this machine (the local network `npm start` makes); it becomes the default hub. */
export interface LocalHubOptions {
  hubUrl: string;
  rpcUrl: string;
  /** Tops up an account's gas on the local chain before a claim (anvil_setBalance). */
  ensureGas?: (rpcUrl: string, account: string) => Promise<void>;
}

export interface NetworkOptions {
  wallet?: WalletOptions;
  localHub?: LocalHubOptions;
}

/**
 * The network half of the host: wallet (keys stay here), hub client with SIWE
 * sessions and two-step batch signing, rewards and claims, and the 'download'
 * job. One wallet is shared by all of them.
 */
export async function createNetworkServices(dataDir: string, roots: RootStore, events: EventBus, options: NetworkOptions = {}) {
  const wallet = createWallet(dataDir, events.emitterFor(walletService), options.wallet);
  const registry = createHubRegistry(dataDir);
  const client = createHubClient(registry, wallet.keys);
  const hub = createHubService(registry, client, wallet.keys, events.emitterFor(hubService));
  const rewards = createRewardsService(registry, wallet.keys, events.emitterFor(rewardsService), { ensureGas: options.localHub?.ensureGas });
  const stake = createStakeService(registry, wallet.keys, events.emitterFor(stakeService), { ensureGas: options.localHub?.ensureGas });
  if (options.localHub) {
    // Pinned without asking: the local network runs on this machine and this workstation deployed its contracts itself.
    const hubUrl = normalizeHubUrl(options.localHub.hubUrl);
    const config = await client.fetchConfig(hubUrl);
    assertOwnSiweDomain(hubUrl, config);
    await registry.remember(hubUrl, config, { rpcUrl: options.localHub.rpcUrl, local: true, makeDefault: true });
  }
  const registrations: ServiceRegistration[] = [
    registerService(walletService, wallet.service),
    registerService(hubService, hub),
    registerService(rewardsService, rewards.service),
    registerService(stakeService, stake.service),
    // Only the local network this host started may be acted on as its operator.
    registerService(localNetworkService, createLocalNetworkService(options.localHub?.hubUrl ?? null, wallet.keys)),
  ];
  return {
    wallet: wallet.service,
    walletKeys: wallet.keys,
    hub,
    rewards: rewards.service,
    stake: stake.service,
    /** The pinned hubs and the signed-in client, for services wired beside these (the requester's dashboard). */
    registry,
    client,
    registrations,
    downloadJob: createDownloadJob(dataDir, client, roots),
    dispose: async () => {
      await Promise.all([rewards.dispose(), stake.dispose()]);
    },
  };
}

export type NetworkServices = Awaited<ReturnType<typeof createNetworkServices>>;
