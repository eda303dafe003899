import { Wallet } from 'ethers';
import { assignWorkRoute } from '../../../core/hubApi/tasks';
import type { CanonicalShape } from '../../../core/sync/canonicalLabels';
import { createBatchSigning } from '../hub/batchSigning';
import { localAccount } from './localHubAccounts';

/**
 * One simulated annotator of the local demo: a fresh wallet that asks the hub
 * for every item of `taskId` it may take (the hub assigns at random, as for
 * anyone), labels each with `shapesFor(fileName)` and signs and uploads one
 * EIP-712 batch through the very signing code the workstation uses. Returns
 * its address.
 */
export async function labelAsSimulatedAnnotator(hubUrl: string, taskId: string, shapesFor: (fileName: string) => CanonicalShape[]): Promise<string> {
  const { address, keys, client } = localAccount(Wallet.createRandom().privateKey);
  const { items } = await client.call(hubUrl, assignWorkRoute, { params: { taskId }, body: { count: 100 } });
  if (items.length === 0) throw new Error(`the hub assigned a simulated annotator no item of task ${taskId}`);
  const signing = createBatchSigning(client, keys);
  const { requestId } = await signing.prepare(hubUrl, taskId, items.map((item) => ({ itemId: item.itemId, shapes: shapesFor(item.fileName) })));
  const upload = await signing.upload(await signing.sign(requestId));
  if (upload.status !== 'accepted') throw new Error(`the hub did not take a simulated annotator's batch: ${upload.failure.code} ${upload.failure.reason}`);
  return address;
}
