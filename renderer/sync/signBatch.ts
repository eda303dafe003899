import type { BatchSummary, UploadResult } from '../../electron/common/services/hubService';
import type { OutboxRecord } from '../store/syncRecords';
import { batchPayloadOf, type Outbox } from './outbox';
import type { BatchTransport } from './transport';

export interface SigningRequest {
  recordId: string;
  requestId: string;
  /** What will be signed: task, item count, root, hub, signer, nonce, deadline. Shown to the user before anything is signed. */
  summary: BatchSummary;
}

/**
 * Step 1: the host computes what it would sign. The root it computed must be
 * the one the outbox holds, or the user would be shown one thing and sign
 * another: refused.
 */
export async function prepareSigning(outbox: Outbox, transport: BatchTransport, recordId: string): Promise<SigningRequest> {
  const record = await outbox.get(recordId);
  if (!record) throw new Error(`outbox record ${recordId} does not exist`);
  if (record.signed) throw new Error('this batch is already signed');
  const payload = batchPayloadOf(record);
  const { requestId, summary } = await transport.prepareBatch({ hubUrl: record.hubUrl, taskId: record.taskId, items: payload.items });
  if (summary.root.toLowerCase() !== payload.root.toLowerCase() || summary.itemCount !== payload.items.length) {
    throw new Error(`the host would sign root ${summary.root} over ${summary.itemCount} items, but the outbox holds root ${payload.root} over ${payload.items.length}; not signed`);
  }
  return { recordId, requestId, summary };
}

/**
 * Step 2, after the user confirmed: the host signs, the signed form is saved
 * on the record, and only then is it uploaded — so a crash at any point
 * leaves either an unsigned record or one whose every retry re-sends this
 * very signature and nonce.
 */
export async function confirmSigning(outbox: Outbox, transport: BatchTransport, request: SigningRequest, applyUpload: (record: OutboxRecord, upload: UploadResult) => Promise<void>): Promise<OutboxRecord> {
  const signed = await transport.signBatch({ requestId: request.requestId });
  const record = await outbox.saveSigned(request.recordId, signed);
  await applyUpload(record, await transport.uploadSigned({ signed }));
  return (await outbox.get(record.id))!;
}
