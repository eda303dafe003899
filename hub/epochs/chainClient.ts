import { Contract, JsonRpcProvider, NonceManager, Wallet, getAddress } from 'ethers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The rewards contract as the operator sees it: read epoch/token, post roots. */
export interface ChainClient {
  operator: string;
  token(): Promise<string>;
  currentEpoch(): Promise<bigint>;
  postRoot(epoch: bigint, root: string): Promise<{ txHash: string; blockNumber: number }>;
  close(): void;
}

function distributorAbi(): unknown[] {
  const file = fileURLToPath(new URL('../../contracts/artifacts/RewardsDistributor.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { abi: unknown[] }).abi;
}

export function connectChain(rpcUrl: string, operatorKey: string, rewardsContract: string): ChainClient {
  // cacheTimeout -1: ethers' 250 ms answer cache gave "nonce too low" on anvil's second tx; NonceManager for overlapping sends.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
  const wallet = new Wallet(operatorKey, provider);
  const signer = new NonceManager(wallet);
  const contract = new Contract(getAddress(rewardsContract), distributorAbi() as never, signer);
  return {
    operator: wallet.address,
    token: async () => getAddress((await contract.getFunction('token')()) as string),
    currentEpoch: async () => BigInt((await contract.getFunction('epoch')()) as bigint),
    async postRoot(epoch, root) {
      const tx = await contract.getFunction('postRoot')(epoch, root);
      const receipt = await tx.wait();
      if (receipt?.status !== 1) throw new Error(`postRoot transaction ${tx.hash} failed`);
      return { txHash: tx.hash as string, blockNumber: receipt.blockNumber as number };
    },
    close: () => provider.destroy(),
  };
}
