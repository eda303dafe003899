import { randomBytes, randomUUID } from 'node:crypto';
import { itemLabelHash, sortCanonicalShapes, type CanonicalShape } from '../../../core/sync/canonicalLabels';
import { normalizeVideoLabels, type CanonicalVideoLabels } from '../../../core/sync/canonicalVideo';
import { groundworkDomain } from '../../../core/sync/eip712';
import { itemIdToBytes32, taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { uploadVerdictRoute } from '../../../core/hubApi/verdicts';
import { VERDICT_TYPES } from '../../../core/sync/verdict';
import { ServiceError } from '../../common/contract/errors';
import type { ObjectReason, SignedVerdict, VerdictSummary } from '../../common/services/hubReviewSchemas';
import type { VerdictUploadResult } from '../../common/services/hubService';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import type { HubClient } from './hubClient';
import { HubRequestError } from './hubHttp';

/** How long a prepared verdict waits for the reviewer's confirmation. */
const CONFIRM_WINDOW_MS = 10 * 60_000;
/** Reviewers work offline too: a signed verdict stays uploadable for a month. */
const DEADLINE_SECONDS = 30 * 24 * 3600;

interface PreparedVerdict {
  unsigned: Omit<SignedVerdict, 'signature'>;
  summary: VerdictSummary;
  expiresAt: number;
}

export function videoVerdictCounts(video: CanonicalVideoLabels): NonNullable<VerdictSummary['video']> {
  return {
    frameCount: video.frameCount,
    tracks: video.tracks.length,
    keyframes: video.tracks.reduce((n, t) => n + t.keyframes.length, 0),
    frameTags: video.frameTags.length,
    segments: video.segments.length,
  };
}

export interface VerdictInput {
  hubUrl: string;
  taskId: string;
  itemId: string;
  shapes: CanonicalShape[];
  reasons: ObjectReason[];
  /** A video item's final tracks, frame tags and segments: signed as the version-2 labels hash. */
  video?: CanonicalVideoLabels;
}

/**
 * Two-step verdict signing, the same discipline as label batches: `prepare`
 * hashes the final labels (core/sync's canonical form) and returns the
 * EIP-712 Verdict for the reviewer to read; only `sign` touches the key, and
 * it never uploads, so the outbox stores the signed verdict before any send.
 */
export function createVerdictSigning(client: HubClient, keys: WalletKeys, now: () => number = Date.now) {
  const prepared = new Map<string, PreparedVerdict>();

  function dropExpired() {
    for (const [id, request] of prepared) if (request.expiresAt <= now()) prepared.delete(id);
  }

  async function prepare(input: VerdictInput): Promise<{ requestId: string; summary: VerdictSummary }> {
    dropExpired();
    const reviewer = keys.signer().address;
    const config = await client.configOf(input.hubUrl);
    let shapes: CanonicalShape[];
    let video: CanonicalVideoLabels | undefined;
    try {
      shapes = sortCanonicalShapes(input.shapes);
      video = input.video === undefined ? undefined : normalizeVideoLabels(input.video);
      // The same checks the hash makes (a frame box needs video labels and must be inside the video), before anything is shown.
      itemLabelHash(input.itemId, shapes, video);
    } catch (error) {
      throw new ServiceError(`cannot sign these final labels: ${(error as Error).message}`, { code: 'bad-verdict' });
    }
    const seen = new Set<number>();
    for (const { index } of input.reasons) {
      if (seen.has(index)) throw new ServiceError(`object ${index} has two reasons; give one per object`, { code: 'bad-verdict' });
      seen.add(index);
    }
    const verdict = {
      reviewer,
      task: taskIdToBytes32(input.taskId),
      item: itemIdToBytes32(input.itemId),
      labelsHash: itemLabelHash(input.itemId, shapes, video),
      // Random, so two workstations of one wallet never reuse a nonce.
      nonce: BigInt(`0x${randomBytes(16).toString('hex')}`).toString(),
      deadline: Math.floor(now() / 1000) + DEADLINE_SECONDS,
    };
    const summary: VerdictSummary = {
      taskId: input.taskId,
      itemId: input.itemId,
      task: verdict.task,
      item: verdict.item,
      labelsHash: verdict.labelsHash,
      shapeCount: shapes.length,
      hub: input.hubUrl,
      reviewer,
      nonce: verdict.nonce,
      deadline: verdict.deadline,
      chainId: config.chainId,
      verifyingContract: config.rewardsContract,
      ...(video ? { video: videoVerdictCounts(video) } : {}),
    };
    const requestId = randomUUID();
    const unsigned = { hubUrl: input.hubUrl, taskId: input.taskId, itemId: input.itemId, verdict, shapes, ...(video ? { video } : {}), reasons: [...input.reasons].sort((a, b) => a.index - b.index) };
    prepared.set(requestId, { unsigned, summary, expiresAt: now() + CONFIRM_WINDOW_MS });
    return { requestId, summary };
  }

  /** Signs a prepared verdict once; the request is consumed. */
  async function sign(requestId: string): Promise<SignedVerdict> {
    dropExpired();
    const request = prepared.get(requestId);
    if (!request) throw new ServiceError('this verdict request is unknown or expired: prepare the verdict again', { code: 'unknown-request' });
    const signer = keys.signer();
    if (signer.address !== request.summary.reviewer) throw new ServiceError('the wallet changed since this verdict was prepared: prepare it again', { code: 'wallet-changed' });
    prepared.delete(requestId);
    const domain = groundworkDomain({ chainId: request.summary.chainId, verifyingContract: request.summary.verifyingContract });
    const signature = await signer.signTypedData(domain, VERDICT_TYPES, request.unsigned.verdict);
    return { ...request.unsigned, signature };
  }

  /** POST /verdicts; network trouble and refusals come back as results for the outbox to act on. */
  async function upload(signed: SignedVerdict): Promise<VerdictUploadResult> {
    try {
      const receipt = await client.call(signed.hubUrl, uploadVerdictRoute, {
        body: { verdict: signed.verdict, signature: signed.signature, itemId: signed.itemId, shapes: signed.shapes, reasons: signed.reasons, ...(signed.video ? { video: signed.video } : {}) },
      });
      return { status: 'accepted', receipt };
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      return { status: error.failure.kind === 'network' ? 'network' : 'rejected', failure: error.failure };
    }
  }

  return { prepare, sign, upload };
}
