import { getAddress } from 'ethers';
import { ServiceError } from '../../common/contract/errors';
import type { HubConfig, PinnedField, TrustChange, TrustProposal } from '../../common/services/hubService';

const address = (value: string | null | undefined): string | null => (value ? getAddress(value) : null);

/**
 * The values that would be pinned for a hub, from its announced /config: the
 * user's RPC URL wins; a pinned one stays (a hub's later suggestion never
 * replaces it); the hub's own is only a suggestion shown for confirmation.
 * A hub that does not name its token keeps the pinned one while the rewards
 * contract is unchanged (the contract's `token()` fills it in otherwise).
 */
export function candidateConfig(announced: HubConfig, pinned: HubConfig | null, givenRpcUrl?: string): { config: HubConfig; rpcSource: TrustProposal['rpcSource'] } {
  const rewardsContract = getAddress(announced.rewardsContract);
  const samePool = pinned !== null && address(pinned.rewardsContract) === rewardsContract;
  const rpcUrl = givenRpcUrl ?? pinned?.rpcUrl ?? announced.rpcUrl;
  const rpcSource = givenRpcUrl ? 'user' : pinned?.rpcUrl ? 'pinned' : announced.rpcUrl ? 'hub' : null;
  const config: HubConfig = {
    chainId: announced.chainId,
    rewardsContract,
    token: address(announced.token) ?? (samePool ? address(pinned.token) : null),
    stakeRegistry: address(announced.stakeRegistry),
    ...(rpcUrl ? { rpcUrl } : {}),
  };
  return { config, rpcSource };
}

const FIELDS: PinnedField[] = ['chainId', 'rewardsContract', 'token', 'stakeRegistry', 'rpcUrl'];

function shown(config: HubConfig, field: PinnedField): string | null {
  const value = config[field];
  if (value === undefined || value === null) return null;
  return field === 'chainId' || field === 'rpcUrl' ? String(value) : getAddress(String(value));
}

/** The pinned values a candidate changes, old → new. */
export function pinnedChanges(pinned: HubConfig, candidate: HubConfig): TrustChange[] {
  return FIELDS.map((field) => ({ field, old: shown(pinned, field), new: shown(candidate, field) })).filter((c) => c.old !== c.new);
}

export function describeChanges(changes: TrustChange[]): string {
  return changes.map((c) => `${c.field} ${c.old ?? '(none)'} → ${c.new ?? '(none)'}`).join('; ');
}

/** The refusal when a hub announces other values than the pinned ones and the user has not confirmed them. */
export function configChangedError(hubUrl: string, changes: TrustChange[]): ServiceError {
  return new ServiceError(
    `refused: ${hubUrl} changed what you trusted (${describeChanges(changes)}). Connect to it again to review and confirm the change; until then nothing is signed for it.`,
    { code: 'hub-config-changed', changes },
  );
}

/** The refusal for a hub that was never confirmed. */
export function untrustedHubError(hubUrl: string): ServiceError {
  return new ServiceError(`${hubUrl} is not trusted yet: connect to it and confirm its chain and contracts first`, { code: 'untrusted-hub' });
}
