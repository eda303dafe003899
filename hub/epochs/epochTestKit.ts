import { Contract, JsonRpcProvider, type Wallet } from 'ethers';
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

/** A task of `items` items labeled identically by every annotator: each earns `items × reward` at the next close (newcomers at 1×). */
export async function earnRewards(hub: RunningHub, requesterToken: string, annotators: Annotator[], items: number, reward: bigint): Promise<void> {
  const { taskId } = await createTestTask(hub, requesterToken, items, annotators.length, reward.toString());
  await labelTask(hub, taskId, annotators, items, () => [box('car', 10, 10)]);
}

export interface ServedProof {
  epoch: string | null;
  root: string | null;
  cumulative: string;
  proof: string[];
}

export async function servedProof(hub: RunningHub, account: string): Promise<ServedProof> {
  const res = await call<ServedProof>(hub, 'GET', `/rewards/${account}`);
  if (res.status !== 200) throw new Error(`GET /rewards failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Claims on chain with the proof the hub serves; returns the tokens paid. */
export async function claimServed(hub: RunningHub, provider: JsonRpcProvider, rewards: string, token: string, wallet: Wallet): Promise<bigint> {
  const served = await servedProof(hub, wallet.address);
  const erc20 = new Contract(token, abi('TestToken'), provider);
  const before = (await erc20.getFunction('balanceOf')(wallet.address)) as bigint;
  const tx = await distributor(rewards, wallet.connect(provider)).getFunction('claim')(wallet.address, served.cumulative, served.root, served.proof);
  const receipt = await tx.wait();
  if (receipt?.status !== 1) throw new Error('claim reverted');
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
