import { getAddress, isAddress } from 'ethers';
import { ServiceError } from '../../common/contract/errors';
import type { HubConfig } from '../../common/services/hubService';

/**
 * Which StakeRegistry and token staking uses: the ones pinned when the user
 * trusted the hub, never a live /config (a hostile hub could otherwise have
 * the wallet approve its token for a contract of its choosing). A caller's
 * `registry` is accepted only when it is the pinned one.
 */
export function pinnedStakeTarget(hubUrl: string, pinned: HubConfig, given?: string): { registry: string; token: string } {
  if (!pinned.stakeRegistry) {
    throw new ServiceError(`${hubUrl} has no trusted stake registry (its /config announced none when you trusted it)`, { code: 'no-registry' });
  }
  const registry = getAddress(pinned.stakeRegistry);
  if (given !== undefined && (!isAddress(given) || getAddress(given) !== registry)) {
    throw new ServiceError(`refused: ${JSON.stringify(given)} is not the stake registry you trusted for ${hubUrl} (${registry})`, { code: 'no-registry' });
  }
  if (!pinned.token) throw new ServiceError(`the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL and confirm`, { code: 'no-rpc' });
  return { registry, token: getAddress(pinned.token) };
}
