import { Contract, JsonRpcProvider, getAddress } from 'ethers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Stake as tiers see it: only ACTIVE stake counts (unbonding stake is on its way out). */
export interface StakeReader {
  /** The registry read from, or null (then every account has 0). */
  readonly registry: string | null;
  activeStake(account: string): Promise<bigint>;
  close(): void;
}

function registryAbi(): unknown[] {
  const file = fileURLToPath(new URL('../../contracts/artifacts/StakeRegistry.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { abi: unknown[] }).abi;
}

/**
 * Reads `stakeOf(account)` from the StakeRegistry over RPC. Each read goes to
 * the chain (no cache): a slash or an unstake request must lower a tier at
 * the next check, and tier checks happen per request, not per shape.
 */
export function createStakeReader(rpcUrl: string | undefined, registry: string | undefined): StakeReader {
  if (!rpcUrl || !registry) return { registry: registry ? getAddress(registry) : null, activeStake: async () => 0n, close: () => {} };
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
  const contract = new Contract(getAddress(registry), registryAbi() as never, provider);
  return {
    registry: getAddress(registry),
    async activeStake(account) {
      const [active] = (await contract.getFunction('stakeOf')(getAddress(account))) as [bigint, bigint, bigint];
      return BigInt(active);
    },
    close: () => provider.destroy(),
  };
}
