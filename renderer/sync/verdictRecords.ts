import { itemLabelHash, sortCanonicalShapes, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels, type CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { itemIdToBytes32, taskIdToBytes32 } from '../../core/sync/labelBatch';
import { newId } from '../../core/util/ids';
import type { ObjectReason, SignedVerdict, VerdictSummary } from '../../electron/common/services/hubReviewSchemas';
import type { VerdictUploadResult } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';

/** What a verdict record's `payload` holds: the final labels in canonical order, one reason per object, and their hash. */
export interface VerdictPayload {
  itemId: string;
  shapes: CanonicalShape[];
  /** A video item's final tracks, frame tags and segments (normalized); the hash is then the version-2 one. */
  video?: CanonicalVideoLabels;
  reasons: ObjectReason[];
  labelsHash: string;
}

/** The host's summary of what it will sign (the contract's; a video verdict's carries the counts of its labels). */
export type VerdictSigningSummary = VerdictSummary;

/** What sync needs of the host for verdicts (`host.hub` has it): the two signing steps and the re-send. */
export interface VerdictTransport {
  prepareVerdict(args: { hubUrl: string; taskId: string; itemId: string; shapes: CanonicalShape[]; reasons: ObjectReason[]; video?: CanonicalVideoLabels }): Promise<{ requestId: string; summary: VerdictSigningSummary }>;
  signVerdict(args: { requestId: string }): Promise<SignedVerdict>;
  uploadVerdict(args: { signed: SignedVerdict }): Promise<VerdictUploadResult>;
}

/** Verdicts belong to no local project; their outbox rows carry this in `projectId`. */
export const REVIEW_PROJECT_ID = 'review';

export interface VerdictDraft {
  hubUrl: string;
  taskId: string;
  itemId: string;
  shapes: readonly CanonicalShape[];
  reasons: readonly ObjectReason[];
  /** A video item's final labels. */
  video?: CanonicalVideoLabels;
}

/** A new, unsigned outbox record for a verdict; the labels hash is core's, the same the host will sign. */
export function newVerdictRecord(verdict: VerdictDraft, at: number): OutboxRecord {
  const shapes = sortCanonicalShapes(verdict.shapes);
  const video = verdict.video === undefined ? undefined : normalizeVideoLabels(verdict.video);
  const payload: VerdictPayload = {
    itemId: verdict.itemId,
    shapes,
    ...(video ? { video } : {}),
    reasons: [...verdict.reasons].sort((a, b) => a.index - b.index),
    labelsHash: itemLabelHash(verdict.itemId, shapes, video),
  };
  return { id: newId(), kind: 'verdict', hubUrl: verdict.hubUrl, projectId: REVIEW_PROJECT_ID, taskId: verdict.taskId, payload, state: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at, updatedAt: at };
}

export function verdictPayloadOf(record: OutboxRecord): VerdictPayload {
  const payload = record.payload as Partial<VerdictPayload> | null;
  if (record.kind !== 'verdict' || !payload || typeof payload.itemId !== 'string' || !Array.isArray(payload.shapes) || typeof payload.labelsHash !== 'string') {
    throw new Error(`outbox record ${record.id} has no verdict payload`);
  }
  return { reasons: [], ...payload } as VerdictPayload;
}

/** The exact signed verdict to (re-)send, rebuilt from what was saved when it was signed. */
export function signedVerdictOf(record: OutboxRecord): SignedVerdict {
  if (!record.signed) throw new Error(`outbox record ${record.id} is not signed yet`);
  const { itemId, shapes, reasons, video } = verdictPayloadOf(record);
  const { signature, signer, nonce, deadline, root } = record.signed;
  return {
    hubUrl: record.hubUrl,
    taskId: record.taskId,
    itemId,
    verdict: { reviewer: signer, task: taskIdToBytes32(record.taskId), item: itemIdToBytes32(itemId), labelsHash: root, nonce, deadline },
    signature,
    shapes,
    reasons,
    ...(video ? { video } : {}),
  };
}
