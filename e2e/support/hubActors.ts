import { Contract, Wallet, type HDNodeWallet, type JsonRpcProvider } from 'ethers';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { RunningHub } from '../../hub/startHub';
import { call, signedBatch, signIn } from '../../hub/testKit';

/**
 * Hub actors driven over the hub's HTTP API with real ethers signatures —
 * the same requests a workstation sends — for the journeys that need more
 * people than browsers.
 */

export interface ApiAnnotator {
  wallet: HDNodeWallet;
  token: string;
}

export async function apiAnnotator(hub: RunningHub): Promise<ApiAnnotator> {
  const wallet = Wallet.createRandom();
  return { wallet, token: await signIn(hub, wallet) };
}

/** Takes every item of the task it can get and uploads one signed batch with `shapesFor(fileName)` per item. */
export async function labelAssigned(hub: RunningHub, who: ApiAnnotator, taskId: string, shapesFor: (fileName: string) => CanonicalShape[]): Promise<void> {
  const got = await call<{ items: { itemId: string; fileName: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: who.token, json: { count: 100 } });
  if (got.status !== 200) throw new Error(`assignment refused: ${JSON.stringify(got.body)}`);
  const signed = await signedBatch(hub, who.wallet, taskId, got.body.items.map((i) => ({ itemId: i.itemId, shapes: shapesFor(i.fileName) })));
  const res = await call(hub, 'POST', '/batches', { token: who.token, json: signed });
  if (res.status !== 200) throw new Error(`batch refused: ${JSON.stringify(res.body)}`);
}

export async function grantReviewer(hub: RunningHub, operatorKey: string, account: string): Promise<void> {
  const token = await signIn(hub, new Wallet(operatorKey));
  const res = await call(hub, 'POST', `/accounts/${account}/roles`, { token, json: { role: 'reviewer' } });
  if (res.status !== 200) throw new Error(`reviewer grant refused: ${JSON.stringify(res.body)}`);
}

export interface Beta {
  alpha: number;
  beta: number;
  mean: number;
  lower: number;
}

export interface Reputation {
  overall: Beta;
  history: { at: string; kind: string; itemId?: string; delta: number; mean: number }[];
  scoredItems: number;
  multiplier: number;
  reviewer: Beta | null;
}

export async function reputationOf(hub: RunningHub, account: string): Promise<Reputation> {
  const res = await call<Reputation>(hub, 'GET', `/reputation/${account}`);
  if (res.status !== 200) throw new Error(`reputation of ${account}: ${JSON.stringify(res.body)}`);
  return res.body;
}

type ServedRewards = { cumulative: string; root: string; claims: { task: string; cumulative: string; proof: string[] }[] };

export async function servedRewards(hub: RunningHub, account: string): Promise<ServedRewards> {
  const res = await call<ServedRewards>(hub, 'GET', `/rewards/${account}`);
  if (res.status !== 200) throw new Error(`rewards of ${account}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const CLAIM_ABI = [
  'function claim(bytes32 taskId, address account, uint256 cumulativeAmount, bytes32 expectedRoot, bytes32[] proof)',
  'function claimed(bytes32 taskId, address account) view returns (uint256)',
];

/** Claims the served cumulative amounts on chain from `wallet` (which must hold gas), task by task. */
export async function claimOnChain(hub: RunningHub, provider: JsonRpcProvider, rewards: string, wallet: HDNodeWallet): Promise<void> {
  const served = await servedRewards(hub, wallet.address);
  const contract = new Contract(rewards, CLAIM_ABI, wallet.connect(provider));
  for (const c of served.claims) {
    if (((await contract.getFunction('claimed')(c.task, wallet.address)) as bigint) >= BigInt(c.cumulative)) continue;
    const tx = await contract.getFunction('claim')(c.task, wallet.address, c.cumulative, served.root, c.proof);
    const receipt = await tx.wait();
    if (receipt?.status !== 1) throw new Error(`claim by ${wallet.address} on task ${c.task} reverted`);
  }
}
