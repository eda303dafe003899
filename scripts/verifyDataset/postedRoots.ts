import { Contract, JsonRpcProvider, getAddress } from 'ethers';

const ROOT_POSTED = ['event RootPosted(uint64 indexed epoch, bytes32 root)'];

/**
 * The root the rewards contract posted for each epoch asked for, from its RootPosted events
 * (the contract keeps only the latest root in storage; the log keeps every epoch's). Read from
 * the contract and chain of the export's EIP-712 domain, never from a ledger's own claim; a
 * node serving another chain is refused before anything is compared.
 */
export async function readPostedRoots(rpcUrl: string, chainId: number, contract: string, epochs: readonly string[]): Promise<Map<string, string | null>> {
  // cacheTimeout -1: no answer cache, so a chain that just moved (anvil) is read as it is now.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: false });
  try {
    const network = await provider.getNetwork();
    if (network.chainId !== BigInt(chainId)) throw new Error(`the node at ${rpcUrl} serves chain ${network.chainId}, the export's EIP-712 domain is chain ${chainId}`);
    const distributor = new Contract(getAddress(contract), ROOT_POSTED, provider);
    const logs = await distributor.queryFilter(distributor.filters.RootPosted!(), 0, 'latest');
    const posted = new Map<string, string>();
    for (const log of logs) {
      const args = (log as unknown as { args: [bigint, string] }).args;
      posted.set(BigInt(args[0]).toString(), args[1].toLowerCase());
    }
    return new Map(epochs.map((e) => [e, posted.get(e) ?? null]));
  } finally {
    provider.destroy();
  }
}
