import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { readFileSync } from 'node:fs';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, type AnyWallet } from '../testKit';
import { labelTask } from '../verdicts/verdictTestKit';

/** Test helpers for epoch closes on a real chain: earn rewards, read the distributor, claim with a served proof. */

const abi = (name: string) => (JSON.parse(readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8')) as { abi: never }).abi;

export interface Annotator {
  wallet: AnyWallet;
  token: string;
}

/** A provider for a local automining chain (no answer cache: a stale nonce would fail the second transaction). */
export function localProvider(rpcUrl: string): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 50 });
}

export function distributor(address: string, runner: JsonRpcProvider | Wallet): Contract {
  return new Contract(address, abi('RewardsDistributor'), runner);
}

/** anvil's account 0 (public, local chains only): it deploys the local network and holds its test tokens. */
const ANVIL_DEPLOYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** Deposits `amount` of the hub's token into `task`'s pool from anvil's account 0 (which then is the pool's requester on chain). */
export async function fundTask(hub: RunningHub, task: string, amount: bigint): Promise<void> {
  const { chain, config } = hub.context;
  if (!chain || !config.token) throw new Error('fundTask needs a hub on a chain, with its token');
  const provider = localProvider(chain.rpcUrl);
  try {
    const funder = new Wallet(ANVIL_DEPLOYER_KEY, provider);
    const approved = await new Contract(config.token, abi('TestToken'), funder).getFunction('approve')(config.rewardsContract, amount);
    await approved.wait();
    const deposited = await distributor(config.rewardsContract, funder).getFunction('deposit')(task, config.token, amount);
    if ((await deposited.wait())?.status !== 1) throw new Error(`deposit into ${task} failed`);
  } finally {
    provider.destroy();
  }
}

/**
 * A task of `items` items labeled identically by every annotator: each earns `items × reward` at the next close (newcomers at 1×).
 * Its pool is funded for twice that (room for the highest multiplier), unless `funding` says otherwise (0n: not funded).
 */
export async function earnRewards(hub: RunningHub, requesterToken: string, annotators: Annotator[], items: number, reward: bigint, funding?: bigint): Promise<{ taskId: string; task: string }> {
  const created = await createTestTask(hub, requesterToken, items, annotators.length, reward.toString());
  const amount = funding ?? 2n * BigInt(items * annotators.length) * reward;
  if (amount > 0n) await fundTask(hub, created.task, amount);
  await labelTask(hub, created.taskId, annotators, items, () => [box('car', 10, 10)]);
  return created;
}

/** One task's claim arguments, as GET /rewards/:account serves them. */
export interface ServedClaim {
  task: string;
  token: string | null;
  cumulative: string;
  proof: string[];
}

export interface ServedProof {
  epoch: string | null;
  root: string | null;
  /** Summed over the tasks. */
  cumulative: string;
  claims: ServedClaim[];
}

export async function servedProof(hub: RunningHub, account: string): Promise<ServedProof> {
  const res = await call<ServedProof>(hub, 'GET', `/rewards/${account}`);
  if (res.status !== 200) throw new Error(`GET /rewards failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Claims on chain, task by task, with the proofs the hub serves (skipping tasks already claimed in full); returns the tokens paid. */
export async function claimServed(hub: RunningHub, provider: JsonRpcProvider, rewards: string, token: string, wallet: Wallet): Promise<bigint> {
  const served = await servedProof(hub, wallet.address);
  const erc20 = new Contract(token, abi('TestToken'), provider);
  const before = (await erc20.getFunction('balanceOf')(wallet.address)) as bigint;
  const contract = distributor(rewards, wallet.connect(provider));
  for (const c of served.claims) {
    const claimed = (await contract.getFunction('claimed')(c.task, wallet.address)) as bigint;
    if (claimed >= BigInt(c.cumulative)) continue;
    const tx = await contract.getFunction('claim')(c.task, wallet.address, c.cumulative, served.root, c.proof);
    const receipt = await tx.wait();
    if (receipt?.status !== 1) throw new Error('claim reverted');
  }
  return ((await erc20.getFunction('balanceOf')(wallet.address)) as bigint) - before;
}

/** Every RootPosted(epoch, root) the distributor ever emitted, oldest first. */
export async function rootsPosted(provider: JsonRpcProvider, rewards: string): Promise<{ epoch: bigint; root: string; txHash: string }[]> {
  const contract = distributor(rewards, provider);
  const logs = await contract.queryFilter(contract.filters.RootPosted!(), 0, 'latest');
  return logs.map((l) => {
    const args = (l as unknown as { args: [bigint, string] }).args;
    return { epoch: BigInt(args[0]), root: args[1], txHash: l.transactionHash };
  });
}

/** A promise and the function that resolves it: holds a step open until the test says so. */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}
