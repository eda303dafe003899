import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import { UnreadableRecordError } from '../store/errors';
import { freshDbName } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { Outbox } from '../sync/outbox';
import { verdictPayloadOf } from '../sync/verdictRecords';
import { DisputeStore } from './disputeStore';
import { queueVerdict } from './queueVerdict';
import { ReviewSession } from './reviewSession';

const { openStore } = testStores();
const HUB = 'http://127.0.0.1:9';

const dispute: Dispute = {
  itemId: 'hub-3',
  taskId: 'task-1',
  sha256: 'c'.repeat(64),
  fileName: 'c.jpg',
  width: 640,
  height: 480,
  submissions: [
    { annotator: '0x00000000000000000000000000000000000000a1', shapes: [{ className: 'car', box: { x: 0, y: 0, w: 50, h: 50 } }] },
    { annotator: '0x00000000000000000000000000000000000000b2', shapes: [] },
  ],
  proposal: { labels: [], clusters: [] },
};

describe('offline review storage', () => {
  it('keeps the draft across a fresh download and queues the verdict once every object is decided', async () => {
    const store = await openStore(freshDbName());
    const disputes = new DisputeStore(store.db);
    await disputes.saveDownloaded(HUB, [{ dispute, media: { rootId: 'root-1', relPath: `${'c'.repeat(64)}.jpg` } }]);
    const { record, dispute: stored } = await disputes.get(HUB, 'hub-3');
    expect(record).toMatchObject({ state: 'open', taskId: 'task-1', media: { rootId: 'root-1' } });

    const session = new ReviewSession(stored);
    session.takeAnnotator(0, 0);
    await disputes.saveDraft(HUB, 'hub-3', session.getDraft());
    await disputes.saveDownloaded(HUB, [{ dispute, media: null }]);
    const again = await disputes.get(HUB, 'hub-3');
    expect(again.record.media).toEqual({ rootId: 'root-1', relPath: `${'c'.repeat(64)}.jpg` });
    const resumed = new ReviewSession(again.dispute, again.draft as never);
    expect(resumed.decision(0).choice).toEqual({ kind: 'annotator', annotator: dispute.submissions[0]!.annotator });

    const outbox = new Outbox(store.db);
    const queued = await queueVerdict(outbox, disputes, HUB, resumed);
    expect(verdictPayloadOf(queued)).toMatchObject({ itemId: 'hub-3', shapes: [{ className: 'car' }], reasons: [{ index: 0, reason: 'ok' }] });
    expect((await disputes.get(HUB, 'hub-3')).record).toMatchObject({ state: 'submitted', outboxId: queued.id });
    await expect(disputes.get(HUB, 'nope')).rejects.toThrow(/not downloaded/);
  });

  it('refuses to queue a verdict while an object is undecided', async () => {
    const store = await openStore(freshDbName());
    const disputes = new DisputeStore(store.db);
    await disputes.saveDownloaded(HUB, [{ dispute, media: null }]);
    const session = new ReviewSession((await disputes.get(HUB, 'hub-3')).dispute);
    await expect(queueVerdict(new Outbox(store.db), disputes, HUB, session)).rejects.toThrow(/still open/);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('saves the draft stamped with its version, still reads an old unversioned draft, and refuses a draft from a newer version by name', async () => {
    const store = await openStore(freshDbName());
    const disputes = new DisputeStore(store.db);
    await disputes.saveDownloaded(HUB, [{ dispute, media: null }]);
    const session = new ReviewSession((await disputes.get(HUB, 'hub-3')).dispute);
    session.takeAnnotator(0, 0);
    await disputes.saveDraft(HUB, 'hub-3', session.getDraft());
    expect((await store.db.disputes.get([HUB, 'hub-3']))!.draft).toMatchObject({ schemaVersion: 1 });
    const read = await disputes.get(HUB, 'hub-3');
    expect(read.draft).toEqual(session.getDraft());
    expect(read.draft).not.toHaveProperty('schemaVersion');

    // A draft written before drafts were versioned (no schemaVersion) resumes as it was.
    await store.db.disputes.update([HUB, 'hub-3'], { draft: session.getDraft() });
    const old = await disputes.get(HUB, 'hub-3');
    expect(new ReviewSession(old.dispute, old.draft as never).decision(0).choice).toEqual({ kind: 'annotator', annotator: dispute.submissions[0]!.annotator });

    // A draft saved by a newer Groundwork is not guessed at: the error names the dispute.
    await store.db.disputes.update([HUB, 'hub-3'], { draft: { ...session.getDraft(), schemaVersion: 99 } });
    await expect(disputes.get(HUB, 'hub-3')).rejects.toThrow(UnreadableRecordError);
    await expect(disputes.get(HUB, 'hub-3')).rejects.toThrow(/review draft of dispute hub-3 \(http:\/\/127\.0\.0\.1:9\).*cannot be read.*99/);
  });
});
