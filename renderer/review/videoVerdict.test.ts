import { describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { itemIdToBytes32, taskIdToBytes32 } from '../../core/sync/labelBatch';
import { freshDbName } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { Outbox } from '../sync/outbox';
import { SyncEngine } from '../sync/syncEngine';
import { scriptedHub } from '../sync/testing/scriptedHub';
import { alwaysOnline } from '../sync/transport';
import { signedVerdictOf, verdictPayloadOf, type VerdictTransport } from '../sync/verdictRecords';
import type { SignedVerdict } from '../../electron/common/services/hubReviewSchemas';
import { DisputeStore } from './disputeStore';
import { queueVerdict } from './queueVerdict';
import { ANN_A, ANN_B, ANN_C, FRAMES, testMerging, videoDispute } from './videoReviewTestKit';
import { VideoReviewSession } from './videoReviewSession';

const { openStore } = testStores();
const HUB = 'http://127.0.0.1:9';

/** The host and hub in one: hashes what it is given as the host does, checks the hash of what arrives as the hub does. */
function videoVerdictHub() {
  const sent: SignedVerdict[] = [];
  const prepared = new Map<string, Omit<SignedVerdict, 'signature'>>();
  const transport: VerdictTransport = {
    async prepareVerdict({ hubUrl, taskId, itemId, shapes, reasons, video }) {
      const labelsHash = itemLabelHash(itemId, shapes, video);
      const verdict = { reviewer: '0x00000000000000000000000000000000000000bb', task: taskIdToBytes32(taskId), item: itemIdToBytes32(itemId), labelsHash, nonce: '7', deadline: 2_000_000_000 };
      prepared.set('r1', { hubUrl, taskId, itemId, verdict, shapes, reasons, ...(video ? { video } : {}) });
      const counts = video && { frameCount: video.frameCount, tracks: video.tracks.length, keyframes: video.tracks.reduce((n, t) => n + t.keyframes.length, 0), frameTags: video.frameTags.length, segments: video.segments.length };
      return { requestId: 'r1', summary: { taskId, itemId, task: verdict.task, item: verdict.item, labelsHash, shapeCount: shapes.length, hub: hubUrl, reviewer: verdict.reviewer, nonce: '7', deadline: verdict.deadline, chainId: 31337, verifyingContract: verdict.reviewer, ...(counts ? { video: counts } : {}) } };
    },
    async signVerdict({ requestId }) {
      // As the contract would if it dropped the video part: the outbox's own labels are what gets sent.
      const { video: _dropped, ...request } = prepared.get(requestId)!;
      return { ...request, signature: `0x${'1'.repeat(130)}` };
    },
    async uploadVerdict({ signed }) {
      sent.push(structuredClone(signed));
      if (itemLabelHash(signed.itemId, signed.shapes, signed.video) !== signed.verdict.labelsHash) return { status: 'rejected', failure: { kind: 'rejected', code: 'labels_mismatch', reason: 'the labels do not hash to labelsHash' } };
      return { status: 'accepted', receipt: { duplicate: false } };
    },
  };
  return { transport, sent };
}

describe('a video verdict', () => {
  it('survives a reload as a draft, goes to the outbox with the v2 hash, and is sent with its video labels', async () => {
    const store = await openStore(freshDbName());
    const disputes = new DisputeStore(store.db);
    await disputes.saveDownloaded(HUB, [{ dispute: videoDispute(), media: { rootId: 'root-1', relPath: `${'d'.repeat(64)}.mp4` } }]);
    const first = new VideoReviewSession((await disputes.get(HUB, 'clip-1')).dispute, testMerging, FRAMES);
    first.takeAnnotator(0, ANN_A);
    first.setKeyframe(0, 45, { x: 150, y: 60, w: 80, h: 60 });
    first.takeAnnotator(1, ANN_C);
    await disputes.saveDraft(HUB, 'clip-1', first.getDraft());

    // A reload: the stored draft is the review's.
    const again = await disputes.get(HUB, 'clip-1');
    const session = new VideoReviewSession(again.dispute, testMerging, FRAMES, again.draft);
    expect(session.getDraft()).toEqual(first.getDraft());
    expect(session.unresolved()).toEqual([2]);
    session.takeAnnotator(2, ANN_B);

    const outbox = new Outbox(store.db);
    const record = await queueVerdict(outbox, disputes, HUB, session);
    const payload = verdictPayloadOf(record);
    const { video } = session.verdict();
    expect(payload.video).toEqual(video);
    expect(payload.labelsHash).toBe(itemLabelHash('clip-1', [], video));
    expect(payload.reasons).toEqual([
      { index: 0, reason: 'loose_box' },
      { index: 1, reason: 'ok' },
      { index: 2, reason: 'ok' },
      { index: 3, reason: 'ok' },
    ]);
    expect((await disputes.get(HUB, 'clip-1')).record).toMatchObject({ state: 'submitted', outboxId: record.id });

    const hub = videoVerdictHub();
    const engine = new SyncEngine({ outbox, transport: { ...scriptedHub().transport, ...hub.transport }, connectivity: alwaysOnline, backoff: { baseMs: 5, maxMs: 20 }, random: () => 1 });
    const request = await engine.prepareVerdictSigning(record.id);
    expect(request.summary.video).toEqual({ frameCount: 60, tracks: 2, keyframes: 6, frameTags: 1, segments: 2 });
    const signed = await engine.confirmVerdictSigning(request);
    expect(signed.state).toBe('accepted');
    expect(hub.sent).toHaveLength(1);
    expect(hub.sent[0]!.video).toEqual(video);
    expect(hub.sent[0]).toEqual(signedVerdictOf(signed));
    await engine.stop();
  });
});
