import { itemLabelHash, sortCanonicalShapes } from '../../../core/sync/canonicalLabels';
import { itemIdToBytes32, taskIdToBytes32 } from '../../../core/sync/labelBatch';
import type { SignedVerdict, VerdictSummary } from '../../../electron/common/services/hubReviewSchemas';
import type { VerdictUploadResult } from '../../../electron/common/services/hubService';
import type { VerdictTransport } from '../verdictRecords';

type Outcome = 'accept' | 'network' | { reject: string };

/**
 * The verdict half of a hub stand-in: it checks that the labels hash is the
 * hash of the labels sent (as the hub does), dedupes by (reviewer, nonce) and
 * answers each upload with the next scripted outcome (default: accept).
 * `tamper` makes prepare hash other labels than it was given.
 */
export function scriptedVerdictHub(reviewer = '0x00000000000000000000000000000000000000bb') {
  const outcomes: Outcome[] = [];
  const sent: SignedVerdict[] = [];
  const stored = new Set<string>();
  const prepared = new Map<string, Omit<SignedVerdict, 'signature'>>();
  /** `deadline`: what prepare puts in the next verdict (the host's is now + 30 days). */
  const options = { tamper: false, deadline: 2_000_000_000 };
  let nonce = 500n;

  const transport: VerdictTransport = {
    async prepareVerdict({ hubUrl, taskId, itemId, shapes, reasons }) {
      const sorted = sortCanonicalShapes(shapes);
      const labelsHash = itemLabelHash(itemId, options.tamper ? [] : sorted);
      const verdict = { reviewer, task: taskIdToBytes32(taskId), item: itemIdToBytes32(itemId), labelsHash, nonce: String(++nonce), deadline: options.deadline };
      const requestId = `verdict-${nonce}`;
      prepared.set(requestId, { hubUrl, taskId, itemId, verdict, shapes: sorted, reasons });
      const summary: VerdictSummary = { taskId, itemId, task: verdict.task, item: verdict.item, labelsHash, shapeCount: sorted.length, hub: hubUrl, reviewer, nonce: verdict.nonce, deadline: verdict.deadline, chainId: 31337, verifyingContract: reviewer };
      return { requestId, summary };
    },
    async signVerdict({ requestId }) {
      const request = prepared.get(requestId);
      if (!request) throw new Error('unknown request');
      prepared.delete(requestId);
      return { ...request, signature: `0x${request.verdict.nonce.padStart(130, '0')}` };
    },
    async uploadVerdict({ signed }): Promise<VerdictUploadResult> {
      sent.push(structuredClone(signed));
      const outcome = outcomes.shift() ?? 'accept';
      if (outcome === 'network') return { status: 'network', failure: { kind: 'network', code: 'ECONNREFUSED', reason: 'cannot reach the hub' } };
      if (typeof outcome === 'object') return { status: 'rejected', failure: { kind: 'rejected', code: outcome.reject, reason: `refused: ${outcome.reject}` } };
      if (itemLabelHash(signed.itemId, signed.shapes) !== signed.verdict.labelsHash) return { status: 'rejected', failure: { kind: 'rejected', code: 'labels_mismatch', reason: 'the labels do not hash to labelsHash' } };
      const key = `${signed.verdict.reviewer}:${signed.verdict.nonce}`;
      const duplicate = stored.has(key);
      stored.add(key);
      return { status: 'accepted', receipt: { duplicate } };
    },
  };

  return { transport, outcomes, sent, options };
}
