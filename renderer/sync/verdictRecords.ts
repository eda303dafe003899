import { itemLabelHash, sortCanonicalShapes, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { itemIdToBytes32, taskIdToBytes32 } from '../../core/sync/labelBatch';
import { newId } from '../../core/util/ids';
import type { ObjectReason, SignedVerdict, VerdictSummary } from '../../electron/common/services/hubReviewSchemas';
import type { VerdictUploadResult } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';

/** What a verdict record's `payload` holds: the final labels in canonical order, one reason per object, and their hash. */
export interface VerdictPayload {
  itemId: string;
  shapes: CanonicalShape[];
  reasons: ObjectReason[];
  labelsHash: string;
}

/** What sync needs of the host for verdicts (`host.hub` has it): the two signing steps and the re-send. */
export interface VerdictTransport {
  prepareVerdict(args: { hubUrl: string; taskId: string; itemId: string; shapes: CanonicalShape[]; reasons: ObjectReason[] }): Promise<{ requestId: string; summary: VerdictSummary }>;
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
}

/** A new, unsigned outbox record for a verdict; the labels hash is core's, the same the host will sign. */
export function newVerdictRecord(verdict: VerdictDraft, at: number): OutboxRecord {
  const shapes = sortCanonicalShapes(verdict.shapes);
  const payload: VerdictPayload = {
    itemId: verdict.itemId,
    shapes,
    reasons: [...verdict.reasons].sort((a, b) => a.index - b.index),
    labelsHash: itemLabelHash(verdict.itemId, shapes),
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
  const { itemId, shapes, reasons } = verdictPayloadOf(record);
  const { signature, signer, nonce, deadline, root } = record.signed;
  return {
    hubUrl: record.hubUrl,
    taskId: record.taskId,
    itemId,
    verdict: { reviewer: signer, task: taskIdToBytes32(record.taskId), item: itemIdToBytes32(itemId), labelsHash: root, nonce, deadline },
    signature,
    shapes,
    reasons,
  };
}
