import { Interface } from 'ethers';
import { loadArtifact } from '../../../native/chain';

/**
 * Why a transaction failed, in the contract's words when it reverted with a
 * custom error. Sends fail in gas estimation, where ethers leaves the revert
 * data undecoded, so it is decoded here with the contract's interface.
 */
export function revertReason(error: unknown, contract: Interface): string {
  const e = error as { revert?: { name?: string } | null; data?: unknown; info?: { error?: { data?: unknown } }; shortMessage?: string; message?: string };
  if (e.revert?.name) return e.revert.name;
  for (const data of [e.data, e.info?.error?.data]) {
    if (typeof data !== 'string' || data.length < 10) continue;
    try {
      const decoded = contract.parseError(data);
      if (decoded) return decoded.name;
    } catch {
      // not one of this contract's errors
    }
  }
  return e.shortMessage ?? e.message ?? String(error);
}

/** StakeRegistry's errors plus OpenZeppelin's ERC-20 ones, which SafeERC20 passes through. */
export function stakeErrorsInterface(): Interface {
  const errorsOf = (name: 'StakeRegistry' | 'TestToken') => (loadArtifact(name).abi as { type: string }[]).filter((f) => f.type === 'error');
  return new Interface([...errorsOf('StakeRegistry'), ...errorsOf('TestToken')]);
}
