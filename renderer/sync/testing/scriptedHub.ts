import { checkBatchContents } from '../../../core/sync/labelBatch';
import type { BatchItem, BatchSummary, SignedBatch, UploadResult } from '../../../electron/common/services/hubService';
import { buildLabelBatch } from '../../../core/sync/labelBatch';
import type { BatchTransport } from '../transport';

type Outcome = 'accept' | 'network' | 'throw' | { reject: string };

/**
 * A hub stand-in for the engine's unit tests (the real hub is exercised by
 * e2e/faultySync.spec.ts): it checks each batch's root against its labels
 * like the hub does, dedupes by (annotator, nonce) and answers each upload
 * with the next scripted outcome (default: accept).
 */
export function scriptedHub(annotator = '0x00000000000000000000000000000000000000aa') {
  const outcomes: Outcome[] = [];
  const stored = new Map<string, SignedBatch>();
  const sent: SignedBatch[] = [];
  const prepared = new Map<string, { hubUrl: string; taskId: string; items: BatchItem[]; deadline: number }>();
  /** The deadline prepare puts in the next batch (the host's is now + 30 days). */
  const options = { deadline: 2_000_000_000 };
  let nonce = 1000n;
  let signatures = 0;

  const transport: BatchTransport = {
    async prepareBatch({ hubUrl, taskId, items }) {
      const { deadline } = options;
      const { batch } = buildLabelBatch({ annotator, taskId, items, nonce: ++nonce, deadline });
      const requestId = `req-${nonce}`;
      prepared.set(requestId, { hubUrl, taskId, items, deadline });
      const summary: BatchSummary = { taskId, task: batch.task, itemCount: batch.itemCount, root: batch.root, hub: hubUrl, annotator, nonce: batch.nonce, deadline: batch.deadline, chainId: 31337, verifyingContract: annotator };
      return { requestId, summary };
    },
    async signBatch({ requestId }) {
      const request = prepared.get(requestId);
      if (!request) throw new Error('unknown request');
      prepared.delete(requestId);
      const built = buildLabelBatch({ annotator, taskId: request.taskId, items: request.items, nonce: requestId.slice(4), deadline: request.deadline });
      signatures++;
      const signed: SignedBatch = { hubUrl: request.hubUrl, taskId: request.taskId, batch: built.batch, signature: `0x${signatures.toString(16).padStart(130, '0')}`, items: built.items };
      return signed;
    },
    uploadSigned: ({ signed }) => upload(signed),
  };

  async function upload(signed: SignedBatch): Promise<UploadResult> {
    sent.push(structuredClone(signed));
    const outcome = outcomes.shift() ?? 'accept';
    if (outcome === 'throw') throw Object.assign(new Error('host connection closed'), { details: { code: 'disconnected' } });
    if (outcome === 'network') return { status: 'network', failure: { kind: 'network', code: 'ECONNREFUSED', reason: 'cannot reach the hub' } };
    if (typeof outcome === 'object') return { status: 'rejected', failure: { kind: 'rejected', code: outcome.reject, reason: `refused: ${outcome.reject}` } };
    const problem = checkBatchContents(signed.batch, signed.items);
    if (problem) return { status: 'rejected', failure: { kind: 'rejected', code: problem.code, reason: problem.message } };
    const key = `${signed.batch.annotator}:${signed.batch.nonce}`;
    const duplicate = stored.has(key);
    if (!duplicate) stored.set(key, signed);
    return { status: 'accepted', receipt: { batchId: key, root: signed.batch.root, duplicate, acceptedAt: 1 } };
  }

  return { transport, outcomes, stored, sent, options, signatureCount: () => signatures };
}
