import { Wallet } from 'ethers';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY } from '../../../native/chain';
import { createHubClient, type HubClient } from '../hub/hubClient';
import { createHubRegistry } from '../hub/hubRegistry';
import type { WalletKeys } from '../wallet/walletServiceImpl';

/** A fixed key as the workstation's wallet would hold it, and a hub client always signed in as it (kept in memory, never in the data folder). */
export function localAccount(privateKey: string): { address: string; keys: WalletKeys; client: HubClient } {
  const wallet = new Wallet(privateKey);
  const keys: WalletKeys = { address: async () => wallet.address, signer: () => wallet, onLock: () => undefined };
  // The local network runs on this machine against contracts this workstation deployed: its config is pinned on first use.
  return { address: wallet.address, keys, client: createHubClient(createHubRegistry(null), keys, { pinOnFirstUse: true }) };
}

/**
 * The local network's roles, held by anvil's public default keys (local
 * chains only): account 0 deploys and operates (closes epochs, posts roots,
 * grants roles), account 1 is the requester that publishes the quick demo
 * task, account 2 the requester of the k = 3 review demo (its own account, so
 * account 1's task list stays the quick demo alone).
 */
export const localOperator = () => localAccount(ANVIL_DEPLOYER_KEY).client;
export const localRequester = () => localAccount(ANVIL_ACCOUNTS[1].privateKey).client;
export const REVIEW_DEMO_REQUESTER = ANVIL_ACCOUNTS[2];
