import type { VerdictUploadResult } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';
import type { Outbox } from './outbox';
import { signedVerdictOf, verdictPayloadOf, type VerdictSigningSummary, type VerdictTransport } from './verdictRecords';

export interface VerdictSigningRequest {
  recordId: string;
  requestId: string;
  /** What will be signed: task, item, labels hash, hub, reviewer, nonce, deadline (and a video verdict's counts). */
  summary: VerdictSigningSummary;
}

/**
 * Step 1: the host computes the Verdict it would sign. Its labels hash must
 * be the outbox's, or the reviewer would confirm one thing and sign another.
 */
export async function prepareVerdictSigning(outbox: Outbox, transport: VerdictTransport, recordId: string): Promise<VerdictSigningRequest> {
  const record = await outbox.get(recordId);
  if (!record) throw new Error(`outbox record ${recordId} does not exist`);
  if (record.signed) throw new Error('this verdict is already signed');
  const payload = verdictPayloadOf(record);
  const { requestId, summary } = await transport.prepareVerdict({ hubUrl: record.hubUrl, taskId: record.taskId, itemId: payload.itemId, shapes: payload.shapes, reasons: payload.reasons, ...(payload.video ? { video: payload.video } : {}) });
  if (summary.labelsHash.toLowerCase() !== payload.labelsHash.toLowerCase() || summary.itemId !== payload.itemId) {
    throw new Error(`the host would sign labels ${summary.labelsHash} of ${summary.itemId}, but the outbox holds ${payload.labelsHash} of ${payload.itemId}; not signed`);
  }
  return { recordId, requestId, summary };
}

/** Step 2, after the reviewer confirmed: sign, save the signed form on the record, and only then upload. */
export async function confirmVerdictSigning(
  outbox: Outbox,
  transport: VerdictTransport,
  request: VerdictSigningRequest,
  applyUpload: (record: OutboxRecord, upload: VerdictUploadResult) => Promise<void>,
): Promise<OutboxRecord> {
  const signed = await transport.signVerdict({ requestId: request.requestId });
  const record = await outbox.saveSignedVerdict(request.recordId, signed);
  // The first send is the saved form, as every retry is: the labels the outbox holds (a video item's included) with this signature.
  await applyUpload(record, await transport.uploadVerdict({ signed: signedVerdictOf(record) }));
  return (await outbox.get(record.id))!;
}
