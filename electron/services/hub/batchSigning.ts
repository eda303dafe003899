import { randomBytes, randomUUID } from 'node:crypto';
import { uploadBatchRoute } from '../../../core/hubApi/batches';
import { buildLabelBatch, LABEL_BATCH_TYPES } from '../../../core/sync/labelBatch';
import { groundworkDomain } from '../../../core/sync/eip712';
import { BatchItemSchema as WireBatchItemSchema, describeIssues } from '../../../core/sync/wireSchemas';
import { ServiceError } from '../../common/contract/errors';
import type { BatchItem, BatchSummary, BatchVideoCounts, SignedBatch, UploadResult } from '../../common/services/hubService';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import type { HubClient } from './hubClient';
import { HubRequestError } from './hubHttp';
import { limitsOf, overLimit } from './hubLimits';

/** A prepared request waits this long for the user's confirmation. */
const CONFIRM_WINDOW_MS = 10 * 60_000;
/** A signed batch stays uploadable this long: offline work may take days to reach the hub. */
const DEADLINE_SECONDS = 30 * 24 * 3600;
/** How long prepare waits for the live /config before it checks against the pinned limits: offline, signing must not hang. */
export const LIVE_LIMITS_TIMEOUT_MS = 3_000;

interface Prepared {
  hubUrl: string;
  taskId: string;
  summary: BatchSummary;
  signed: Omit<SignedBatch, 'signature'>;
  expiresAt: number;
}

/** The size of the POST /batches body this batch becomes (the signature is 65 bytes as 0x-hex). */
function uploadBodyBytes(batch: unknown, items: unknown): number {
  const body = { batch, signature: `0x${'0'.repeat(130)}`, items };
  return Buffer.byteLength(JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

/** The video part of the summary: what of the batch's video items will be signed; nothing for an image batch. */
export function videoCountsOf(items: readonly BatchItem[]): { video?: BatchVideoCounts } {
  const videos = items.flatMap((i) => (i.video ? [i.video] : []));
  if (videos.length === 0) return {};
  const sum = (count: (v: (typeof videos)[number]) => number) => videos.reduce((n, v) => n + count(v), 0);
  return {
    video: {
      items: videos.length,
      tracks: sum((v) => v.tracks.length),
      keyframes: sum((v) => v.tracks.reduce((n, t) => n + t.keyframes.length, 0)),
      frameTags: sum((v) => v.frameTags.length),
      segments: sum((v) => v.segments.length),
    },
  };
}

/**
 * Two-step signing. `prepare` computes everything that will be signed and
 * returns it for the user to read; only `sign` (after the user confirmed)
 * touches the key. The domain binds the signature to the hub's chain and
 * rewards contract, exactly as the hub verifies it.
 */
export function createBatchSigning(client: HubClient, keys: WalletKeys, now: () => number = Date.now) {
  const prepared = new Map<string, Prepared>();

  function dropExpired() {
    for (const [id, request] of prepared) if (request.expiresAt <= now()) prepared.delete(id);
  }

  async function prepare(hubUrl: string, taskId: string, items: BatchItem[]): Promise<{ requestId: string; summary: BatchSummary }> {
    dropExpired();
    const annotator = keys.signer().address;
    const config = await client.configOf(hubUrl);
    let built: ReturnType<typeof buildLabelBatch>;
    try {
      built = buildLabelBatch({
        annotator,
        taskId,
        items,
        // Random, so two workstations of one wallet (or a restored backup) never reuse a nonce.
        nonce: BigInt(`0x${randomBytes(16).toString('hex')}`),
        deadline: Math.floor(now() / 1000) + DEADLINE_SECONDS,
      });
    } catch (error) {
      throw new ServiceError(`cannot build the batch: ${(error as Error).message}`, { code: 'bad-batch' });
    }
    const { batch } = built;
    // What the hub will parse, checked before signing (names, frames, coordinates, per-item limits of tracks, keyframes, tags and shots).
    const wire = WireBatchItemSchema.array().safeParse(built.items);
    if (!wire.success) throw new ServiceError(`not signed: the hub would refuse these labels (items${describeIssues(wire.error)})`, { code: 'bad-batch' });
    // The live limits when the hub answers, else what it announced when pinned, else core's: never sign what it would refuse.
    const limits = limitsOf(await client.fetchConfig(hubUrl, LIVE_LIMITS_TIMEOUT_MS).catch(() => config));
    const tooLarge = overLimit(items, uploadBodyBytes(batch, built.items), limits);
    if (tooLarge) throw new ServiceError(`not signed: ${tooLarge}. Split the work or remove boxes, then submit again.`, { code: 'over-hub-limit' });
    const summary: BatchSummary = {
      taskId,
      task: batch.task,
      itemCount: batch.itemCount,
      root: batch.root,
      hub: hubUrl,
      annotator,
      nonce: batch.nonce,
      deadline: batch.deadline,
      chainId: config.chainId,
      verifyingContract: config.rewardsContract,
      ...videoCountsOf(built.items),
    };
    const requestId = randomUUID();
    prepared.set(requestId, { hubUrl, taskId, summary, signed: { hubUrl, taskId, batch, items: built.items }, expiresAt: now() + CONFIRM_WINDOW_MS });
    return { requestId, summary };
  }

  /** Signs a prepared request once; the request is consumed whatever happens next. */
  async function sign(requestId: string): Promise<SignedBatch> {
    dropExpired();
    const request = prepared.get(requestId);
    if (!request) throw new ServiceError('this signing request is unknown or expired: prepare the batch again', { code: 'unknown-request' });
    const signer = keys.signer();
    if (signer.address !== request.summary.annotator) throw new ServiceError('the wallet changed since this batch was prepared: prepare it again', { code: 'wallet-changed' });
    prepared.delete(requestId);
    const domain = groundworkDomain({ chainId: request.summary.chainId, verifyingContract: request.summary.verifyingContract });
    const signature = await signer.signTypedData(domain, LABEL_BATCH_TYPES, request.signed.batch);
    return { ...request.signed, signature };
  }

  /** POST /batches; network trouble and refusals come back as results, so the outbox can decide. */
  async function upload(signed: SignedBatch): Promise<UploadResult> {
    try {
      const receipt = await client.call(signed.hubUrl, uploadBatchRoute, { body: { batch: signed.batch, signature: signed.signature, items: signed.items } });
      return { status: 'accepted', receipt };
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      return error.failure.kind === 'network' ? { status: 'network', failure: error.failure } : { status: 'rejected', failure: error.failure };
    }
  }

  return { prepare, sign, upload };
}
