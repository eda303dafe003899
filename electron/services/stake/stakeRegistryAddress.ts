import { getAddress, isAddress } from 'ethers';
import { ServiceError } from '../../common/contract/errors';
import type { HubConfig } from '../../common/services/hubService';
import { hubJson } from '../hub/hubHttp';

/**
 * Which StakeRegistry a hub uses: the caller's `registry` wins; otherwise the
 * hub's `/config` `stakeRegistry`, from the remembered config when it carries
 * the field, else fetched once per host session. The remembered config is
 * checked first so a known hub works while it is unreachable.
 */
export function createStakeRegistryAddresses() {
  const announced = new Map<string, string>();

  function checked(value: unknown, where: string): string {
    if (typeof value !== 'string' || !isAddress(value)) {
      throw new ServiceError(`${where} is not an address: ${JSON.stringify(value)}`, { code: 'no-registry' });
    }
    return getAddress(value);
  }

  return async function registryOf(hubUrl: string, config: HubConfig, given?: string): Promise<string> {
    if (given !== undefined) return checked(given, 'registry');
    const remembered = (config as HubConfig & { stakeRegistry?: unknown }).stakeRegistry;
    if (remembered !== undefined && remembered !== null) return checked(remembered, `${hubUrl}/config stakeRegistry`);
    const cached = announced.get(hubUrl);
    if (cached) return cached;
    const live = await hubJson<{ stakeRegistry?: unknown }>(hubUrl, '/config');
    if (live.stakeRegistry === undefined || live.stakeRegistry === null) {
      throw new ServiceError(`${hubUrl} announces no stake registry (its /config has no stakeRegistry); pass registry explicitly`, { code: 'no-registry' });
    }
    const address = checked(live.stakeRegistry, `${hubUrl}/config stakeRegistry`);
    announced.set(hubUrl, address);
    return address;
  };
}
