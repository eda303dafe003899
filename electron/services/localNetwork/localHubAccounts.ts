import { Wallet } from 'ethers';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY } from '../../../native/chain';
import { createHubClient, type HubClient } from '../hub/hubClient';
import { createHubRegistry } from '../hub/hubRegistry';
import type { WalletKeys } from '../wallet/walletServiceImpl';

/** A hub client that is always signed in as one fixed key (kept in memory, never in the data folder). */
function clientAs(privateKey: string): HubClient {
  const wallet = new Wallet(privateKey);
  const keys: WalletKeys = { address: async () => wallet.address, signer: () => wallet, onLock: () => undefined };
  // The local network runs on this machine against contracts this workstation deployed: its config is pinned on first use.
  return createHubClient(createHubRegistry(null), keys, { pinOnFirstUse: true });
}

/**
 * The local network's roles, held by anvil's public default keys (local
 * chains only): account 0 deploys and operates (closes epochs, posts roots),
 * account 1 is the requester that publishes the demo task.
 */
export const localOperator = () => clientAs(ANVIL_DEPLOYER_KEY);
export const localRequester = () => clientAs(ANVIL_ACCOUNTS[1].privateKey);
