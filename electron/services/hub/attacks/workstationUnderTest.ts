import { Wallet } from 'ethers';
import type { EventEmitterFor } from '../../../common/contract/defineService';
import type { hubService, rewardsService } from '../../../common/services';
import { createRewardsService } from '../../rewards/rewardsServiceImpl';
import { createStakeService } from '../../stake/stakeServiceImpl';
import type { WalletKeys } from '../../wallet/walletServiceImpl';
import { createHubClient } from '../hubClient';
import { createHubRegistry } from '../hubRegistry';
import { createHubService } from '../hubServiceImpl';

/**
 * The workstation's Node-side hub, rewards and stake services as the host
 * wires them (in-memory hub list), with a fresh key whose every signature is
 * counted: the attacks assert that nothing was signed.
 */
export function workstationUnderTest() {
  const wallet = new Wallet(Wallet.createRandom().privateKey);
  const signed: string[] = [];
  const signer = new Proxy(wallet, {
    get(target, property, receiver) {
      if (property === 'signMessage' || property === 'signTypedData') {
        return (...args: unknown[]) => {
          signed.push(String(property));
          return (target[property] as (...a: unknown[]) => Promise<string>).apply(target, args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const keys: WalletKeys = { address: async () => wallet.address, signer: () => signer, onLock: () => undefined };
  const registry = createHubRegistry(null);
  const client = createHubClient(registry, keys);
  const hub = createHubService(registry, client, keys, (() => undefined) as EventEmitterFor<typeof hubService>);
  const rewards = createRewardsService(registry, keys, (() => undefined) as EventEmitterFor<typeof rewardsService>);
  const stake = createStakeService(registry, keys, () => undefined);
  return {
    address: wallet.address,
    hub,
    rewards: rewards.service,
    stake: stake.service,
    registry,
    /** What the key signed so far ('signMessage' for SIWE, 'signTypedData' for batches). */
    signed,
    dispose: async () => {
      await Promise.all([rewards.dispose(), stake.dispose()]);
    },
  };
}
