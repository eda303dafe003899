import { Contract, JsonRpcProvider, NonceManager, Wallet, getAddress, type Log } from 'ethers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What the contract's `Slashed` event said, read from the receipt. */
export interface SlashedEvent {
  txHash: string;
  blockNumber: number;
  amount: bigint;
  evidenceHash: string;
  fromActive: bigint;
  fromUnbonding: bigint;
}

/** A slash on its way: the hash is known as soon as it is sent, the event once it is mined. */
export interface SentSlash {
  txHash: string;
  confirmed(): Promise<SlashedEvent>;
}

/** The StakeRegistry as the slasher sees it. */
export interface StakeRegistryClient {
  readonly registry: string;
  /** The address whose key signs `slash` (needs SLASHER_ROLE). */
  readonly slasher: string;
  stakeOf(account: string): Promise<{ active: bigint; unbonding: bigint }>;
  /**
   * Rejects with SlashNotApplied (the revert reason) when the call would revert — ethers estimates gas
   * first; any other rejection (of sendSlash or confirmed) leaves the outcome unknown.
   */
  sendSlash(account: string, amount: bigint, evidenceHash: string): Promise<SentSlash>;
  close(): void;
}

function registryAbi(): unknown[] {
  const file = fileURLToPath(new URL('../../contracts/artifacts/StakeRegistry.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { abi: unknown[] }).abi;
}

/** The slash is certainly not on chain: refused before sending, or mined and reverted. */
export class SlashNotApplied extends Error {}

/** A contract error by name and arguments (`SlashExceedsStake(5, 9)`), else ethers' short message. */
export function revertReason(e: unknown): string {
  const err = e as { revert?: { name: string; args: unknown[] } | null; shortMessage?: string; message?: string };
  if (err.revert) return `${err.revert.name}(${err.revert.args.map(String).join(', ')})`;
  return err.shortMessage ?? err.message ?? String(e);
}

export function connectStakeRegistry(rpcUrl: string, slasherKey: string, registry: string): StakeRegistryClient {
  // Same provider settings as epochs/chainClient.ts (no answer cache: anvil nonces; NonceManager for overlapping sends).
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
  const wallet = new Wallet(slasherKey, provider);
  const contract = new Contract(getAddress(registry), registryAbi() as never, new NonceManager(wallet));
  return {
    registry: getAddress(registry),
    slasher: wallet.address,
    async stakeOf(account) {
      const [active, unbonding] = (await contract.getFunction('stakeOf')(getAddress(account))) as [bigint, bigint, bigint];
      return { active: BigInt(active), unbonding: BigInt(unbonding) };
    },
    async sendSlash(account, amount, evidenceHash) {
      let tx;
      try {
        tx = await contract.getFunction('slash')(getAddress(account), amount, evidenceHash);
      } catch (e) {
        if ((e as { code?: string }).code === 'CALL_EXCEPTION') throw new SlashNotApplied(revertReason(e));
        throw e;
      }
      return {
        txHash: tx.hash as string,
        async confirmed() {
          let receipt;
          try {
            receipt = await tx.wait();
          } catch (e) {
            if ((e as { code?: string }).code === 'CALL_EXCEPTION') throw new SlashNotApplied(revertReason(e));
            throw e;
          }
          if (receipt?.status !== 1) throw new SlashNotApplied(`slash transaction ${tx.hash} reverted`);
          const event = (receipt.logs as Log[]).filter((l) => getAddress(l.address) === getAddress(registry)).map((l) => contract.interface.parseLog(l)).find((p) => p?.name === 'Slashed');
          if (!event) throw new Error(`slash transaction ${tx.hash} emitted no Slashed event`);
          const [, slashed, hash, fromActive, fromUnbonding] = event.args as unknown as [string, bigint, string, bigint, bigint];
          return { txHash: tx.hash as string, blockNumber: receipt.blockNumber, amount: slashed, evidenceHash: hash, fromActive, fromUnbonding };
        },
      };
    },
    close: () => provider.destroy(),
  };
}
