import { Contract, Wallet, type HDNodeWallet, type JsonRpcProvider } from 'ethers';
import { uploadBatchRoute } from '../../core/hubApi/batches';
import { rewardsOfRoute } from '../../core/hubApi/epochs';
import { reputationRoute, type Reputation } from '../../core/hubApi/reputation';
import type { RouteResponse } from '../../core/hubApi/route';
import { grantRoleRoute } from '../../core/hubApi/roles';
import { assignWorkRoute } from '../../core/hubApi/tasks';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { RunningHub } from '../../hub/startHub';
import { callRoute } from '../../hub/http/callRoute';
import { signedBatch, signIn } from '../../hub/testKit';

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
  const got = await callRoute(hub, assignWorkRoute, { params: { taskId }, body: { count: 100 } }, who.token);
  const signed = await signedBatch(hub, who.wallet, taskId, got.items.map((i) => ({ itemId: i.itemId, shapes: shapesFor(i.fileName) })));
  await callRoute(hub, uploadBatchRoute, { body: signed }, who.token);
}

export async function grantReviewer(hub: RunningHub, operatorKey: string, account: string): Promise<void> {
  const token = await signIn(hub, new Wallet(operatorKey));
  await callRoute(hub, grantRoleRoute, { params: { address: account }, body: { role: 'reviewer' } }, token);
}

export type { Reputation };

export async function reputationOf(hub: RunningHub, account: string): Promise<Reputation> {
  return callRoute(hub, reputationRoute, { params: { account } });
}

/** What the hub serves for `account`'s claims (GET /rewards/:account): per task, the arguments of claim(). */
export async function servedRewards(hub: RunningHub, account: string): Promise<RouteResponse<typeof rewardsOfRoute>> {
  return callRoute(hub, rewardsOfRoute, { params: { account } });
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
