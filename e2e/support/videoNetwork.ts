// The video journey's actors that are not browsers: the requester publishing
// a video task over the hub's HTTP contract, and simulated annotators that
// take work and sign through the workstation's own signing code
// (electron/services/hub/batchSigning.ts, the hub client of
// electron/services/hub) with keys of their own.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { putMediaRoute } from '../../core/hubApi/media';
import { parseResponse, requestOf } from '../../core/hubApi/route';
import { assignWorkRoute, createTaskRoute, type AssignedItem, type TaskConsensusOptions } from '../../core/hubApi/tasks';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { BatchSummary } from '../../electron/common/services/hubService';
import { createBatchSigning } from '../../electron/services/hub/batchSigning';
import { localAccount } from '../../electron/services/localNetwork/localHubAccounts';
import type { RunningHub } from '../../hub/startHub';
import { callRoute } from '../../hub/http/callRoute';
import { call, signIn } from '../../hub/testKit';
import type { RealClip } from '../fixtures/realVideo';

export interface VideoTaskTerms {
  title: string;
  classes: string[];
  redundancy: number;
  rewardPerItem: bigint;
  reviewerFee: bigint;
  consensus?: TaskConsensusOptions;
}

export interface PublishedVideoTask {
  taskId: string;
  /** The task's bytes32 on chain. */
  task: string;
  /** The clip's sha256 → its file name on the hub. */
  files: Map<string, string>;
  /** The most the task can cost (k × reward + fee per item), as the hub says. */
  maxSpend: bigint;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The requester (`requester`, holding the hub's requester role) uploads each
 * clip by its sha256 (PUT /media) and creates the task with one video item
 * per clip: frame count and rate as ffprobe counted them.
 */
export async function publishVideoTask(hub: RunningHub, requester: Wallet, clips: RealClip[], terms: VideoTaskTerms): Promise<PublishedVideoTask> {
  const token = await signIn(hub, requester);
  const items = [];
  const files = new Map<string, string>();
  for (const clip of clips) {
    const bytes = await readFile(clip.path);
    const sha256 = sha256Of(bytes);
    const put = requestOf(putMediaRoute, { params: { sha256 } });
    const reply = await call(hub, put.method, put.path, { token, body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    if (reply.status >= 300) throw new Error(`upload of ${clip.spec.fileName} refused: ${reply.status} ${JSON.stringify(reply.body)}`);
    parseResponse(putMediaRoute, reply.body);
    const fileName = path.basename(clip.path);
    files.set(sha256, fileName);
    items.push({ sha256, fileName, width: clip.width, height: clip.height, video: { frameCount: clip.frameCount, fps: clip.fps } });
  }
  const classes = terms.classes.map((name, i) => ({ id: `c${i}`, name, color: ['#e8590c', '#1c7ed6', '#2b8a3e', '#ae3ec9'][i % 4]!, attributes: [] }));
  const created = await callRoute(
    hub,
    createTaskRoute,
    {
      body: {
        title: terms.title,
        labelSchema: { classes },
        redundancy: terms.redundancy,
        rewardPerItem: terms.rewardPerItem.toString(),
        reviewerFee: terms.reviewerFee.toString(),
        items,
        ...(terms.consensus ? { consensus: terms.consensus } : {}),
      },
    },
    token,
  );
  return { taskId: created.taskId, task: created.task, files, maxSpend: BigInt(created.maxSpend) };
}

export interface SimulatedAnnotator {
  wallet: HDNodeWallet;
  address: string;
  /** What the signing step showed before signing (the workstation's sign dialog shows the same). */
  summary: BatchSummary | null;
}

/**
 * A simulated annotator with a fresh key: takes every item of the task the
 * hub assigns it, labels each with `labelsFor(item)` and signs and uploads
 * one EIP-712 batch through the workstation's batch signing.
 */
export async function labelAsVideoAnnotator(
  hubUrl: string,
  taskId: string,
  labelsFor: (item: AssignedItem) => { shapes: CanonicalShape[]; video: CanonicalVideoLabels },
): Promise<SimulatedAnnotator> {
  const wallet = Wallet.createRandom();
  const { keys, client } = localAccount(wallet.privateKey);
  const { items } = await client.call(hubUrl, assignWorkRoute, { params: { taskId }, body: { count: 100 } });
  if (items.length === 0) throw new Error(`the hub assigned ${wallet.address} no item of task ${taskId}`);
  const signing = createBatchSigning(client, keys);
  const { requestId, summary } = await signing.prepare(
    hubUrl,
    taskId,
    items.map((item) => ({ itemId: item.itemId, ...labelsFor(item) })),
  );
  const upload = await signing.upload(await signing.sign(requestId));
  if (upload.status !== 'accepted') throw new Error(`the hub did not take ${wallet.address}'s batch: ${upload.failure.code} ${upload.failure.reason}`);
  return { wallet, address: wallet.address, summary };
}
