import { Contract, JsonRpcProvider, Wallet, getAddress } from 'ethers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a root was posted, as the chain's RootPosted log says. */
export type RootPostedLookup = { found: true; txHash: string; blockNumber: number } | { found: false; reason: string };

/** A task's pool on chain (`poolOf`); `requester` zero = never funded. */
export interface PoolOnChain {
  token: string;
  requester: string;
  /** Unix seconds when allocations freeze and refund opens; 0 = open. */
  closesAt: bigint;
  deposited: bigint;
  allocated: bigint;
  paid: bigint;
}

/** The rewards contract as the operator sees it: read epoch, root, pools and claims, post roots. */
export interface ChainClient {
  operator: string;
  rpcUrl: string;
  /** The network's default reward token (pools may hold others). */
  token(): Promise<string>;
  currentEpoch(): Promise<bigint>;
  /** The posted root (also while paused); 0x00…00 before the first post. */
  merkleRoot(): Promise<string>;
  /** What `account` has already been paid by claims on `task` (bytes32; cumulative). */
  claimed(task: string, account: string): Promise<bigint>;
  pool(task: string): Promise<PoolOnChain>;
  /** The latest block's timestamp (unix seconds): the clock pools close by. */
  now(): Promise<bigint>;
  /** The transaction that posted `root` as `epoch`, from the RootPosted(epoch, root) event log. */
  findRootPosted(epoch: bigint, root: string): Promise<RootPostedLookup>;
  /** Operator transactions sent but not yet mined (pending nonce − latest nonce). */
  unminedTransactions(): Promise<number>;
  /** Sends postRoot (with each listed task's cumulative allocation) with the chain's pending nonce read now, and waits for it to be mined. */
  postRoot(epoch: bigint, root: string, allocations: ReadonlyMap<string, bigint>): Promise<{ txHash: string; blockNumber: number }>;
  close(): void;
}

function distributorAbi(): unknown[] {
  const file = fileURLToPath(new URL('../../contracts/artifacts/RewardsDistributor.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { abi: unknown[] }).abi;
}

export function connectChain(rpcUrl: string, operatorKey: string, rewardsContract: string): ChainClient {
  // cacheTimeout -1: ethers' 250 ms answer cache gave "nonce too low" on anvil's second tx.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
  // A plain Wallet, not ethers' NonceManager: that caches the nonce in this process, and another hub process
  // posting with the same key makes the cache stale ("nonce too low"). Posts run under the epoch-close lock,
  // so reading the pending nonce from the chain right before each send is both correct and collision-free.
  const wallet = new Wallet(operatorKey, provider);
  const contract = new Contract(getAddress(rewardsContract), distributorAbi() as never, wallet);
  return {
    operator: wallet.address,
    rpcUrl,
    token: async () => getAddress((await contract.getFunction('token')()) as string),
    currentEpoch: async () => BigInt((await contract.getFunction('epoch')()) as bigint),
    merkleRoot: async () => ((await contract.getFunction('merkleRoot')()) as string).toLowerCase(),
    claimed: async (task, account) => BigInt((await contract.getFunction('claimed')(task, getAddress(account))) as bigint),
    async pool(task) {
      const [token, requester, closesAt, deposited, allocated, paid] = (await contract.getFunction('poolOf')(task)) as [string, string, bigint, bigint, bigint, bigint];
      return { token: getAddress(token), requester: getAddress(requester), closesAt: BigInt(closesAt), deposited: BigInt(deposited), allocated: BigInt(allocated), paid: BigInt(paid) };
    },
    async now() {
      const block = await provider.getBlock('latest');
      if (!block) throw new Error('the chain returned no latest block');
      return BigInt(block.timestamp);
    },
    async findRootPosted(epoch, root) {
      try {
        // epoch is indexed: the node filters by it. From block 0: a provider that caps log ranges refuses, and we say so.
        const logs = await contract.queryFilter(contract.filters.RootPosted!(epoch), 0, 'latest');
        const match = logs.find((l) => 'args' in l && String(l.args[1]).toLowerCase() === root.toLowerCase());
        if (!match) return { found: false, reason: `no RootPosted(${epoch}, ${root}) log between block 0 and the latest block` };
        return { found: true, txHash: match.transactionHash, blockNumber: match.blockNumber };
      } catch (e) {
        return { found: false, reason: `the RootPosted log could not be read: ${(e as Error).message.split('\n')[0]}` };
      }
    },
    async unminedTransactions() {
      const [pending, latest] = await Promise.all([provider.getTransactionCount(wallet.address, 'pending'), provider.getTransactionCount(wallet.address, 'latest')]);
      return pending - latest;
    },
    async postRoot(epoch, root, allocations) {
      const nonce = await provider.getTransactionCount(wallet.address, 'pending');
      const tx = await contract.getFunction('postRoot')(epoch, root, [...allocations.keys()], [...allocations.values()], { nonce });
      const receipt = await tx.wait();
      if (receipt?.status !== 1) throw new Error(`postRoot transaction ${tx.hash} failed`);
      return { txHash: tx.hash as string, blockNumber: receipt.blockNumber as number };
    },
    close: () => provider.destroy(),
  };
}
