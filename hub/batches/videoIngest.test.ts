import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../../core/consensus/video/types';
import { canonicalItemLabels } from '../../core/sync/canonicalLabels';
import { keccakHex } from '../../core/sync/hex';
import { batchLeaves, batchRootOfItems, labelBatchDigest } from '../../core/sync/labelBatch';
import { groundworkDomain } from '../../core/sync/eip712';
import { describeOnPostgres } from '../db/testPostgres';
import { makeTestVideo, type TestVideo } from '../media/testVideo';
import type { RunningHub } from '../startHub';
import { box, call, signedBatch, signIn, startTestHub } from '../testKit';
import { decodeLabelsBlob } from './labelsBlob';
import { publishVideoTask, sampleVideoLabels, takeWork, type Assigned } from './videoTestKit';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const annotator = Wallet.createRandom();

let clip: TestVideo;
beforeAll(async () => {
  clip = await makeTestVideo();
}, 180_000);

/**
 * A video task end to end over HTTP: the requester uploads a real clip
 * (x264 with B-frames) and publishes it as a video item beside an image
 * item, an annotator takes the work and signs one batch with both items'
 * labels, and the hub stores the exact version-2 text whose keccak is the
 * signed leaf.
 */
function videoIngestSuite(name: string, databaseUrl: () => string | undefined) {
  describe(`video task ingest on ${name}`, () => {
    let hub: RunningHub;
    let reqToken: string;
    let token: string;
    let taskId: string;
    let video: Assigned;
    let image: Assigned;

    beforeAll(async () => {
      hub = await startTestHub({ requesters: [requester.address], operators: [operator.address], databaseUrl: databaseUrl() });
      reqToken = await signIn(hub, requester);
      token = await signIn(hub, annotator);
      const put = await call(hub, 'PUT', `/media/${clip.sha256}`, { token: reqToken, body: clip.bytes });
      expect(put.status).toBe(201);
    }, 180_000);
    afterAll(async () => hub?.close());

    it('publishes a video item: the row keeps {frameCount, fps} and the thresholds as given; the task answers them with the defaults filled in', async () => {
      const published = await publishVideoTask(hub, reqToken, { videos: [clip], images: 1, redundancy: 2, consensus: { trackAcceptance: 0.7, boundaryTolerance: 3 } });
      taskId = published.taskId;
      const expected = { ...DEFAULT_VIDEO_CONSENSUS_OPTIONS, trackAcceptance: 0.7, boundaryTolerance: 3 };
      expect(published.body.consensus).toEqual(expected);
      expect((await call(hub, 'GET', `/tasks/${taskId}`, { token })).body.consensus).toEqual(expected);
      const listed = (await call<{ tasks: { taskId: string; consensus: unknown }[] }>(hub, 'GET', '/tasks', { token })).body.tasks.find((t) => t.taskId === taskId);
      expect(listed!.consensus).toEqual(expected);
      const [row] = await hub.context.db.query<{ consensus: unknown }>('SELECT consensus FROM tasks WHERE id = $1', [taskId]);
      expect(row!.consensus).toEqual({ trackAcceptance: 0.7, boundaryTolerance: 3 });
      const items = await hub.context.db.query<{ sha256: string; video: unknown }>('SELECT sha256, video FROM items WHERE task_id = $1 ORDER BY idx', [taskId]);
      expect(items.map((i) => i.video)).toEqual([{ frameCount: clip.frameCount, fps: clip.fps }, null]);
    });

    it('a task without thresholds stores {} and answers every default', async () => {
      const plain = await publishVideoTask(hub, reqToken, { videos: [], images: 1 });
      expect(plain.body.consensus).toEqual(DEFAULT_VIDEO_CONSENSUS_OPTIONS);
      const [row] = await hub.context.db.query<{ consensus: unknown }>('SELECT consensus FROM tasks WHERE id = $1', [plain.taskId]);
      expect(row!.consensus).toEqual({});
    });

    it('assigns the video item with its frame count and rate, the image item without', async () => {
      const work = await takeWork(hub, token, taskId);
      expect(work.all).toHaveLength(2);
      [video] = work.videos as [Assigned];
      [image] = work.images as [Assigned];
      expect(video).toMatchObject({ sha256: clip.sha256, video: { frameCount: 60, fps: 30 } });
      expect(image).not.toHaveProperty('video');
      // The assigned annotator downloads the real bytes.
      const got = await fetch(`${hub.url}/media/${clip.sha256}`, { headers: { authorization: `Bearer ${token}` } });
      expect(Buffer.from(await got.arrayBuffer()).equals(clip.bytes)).toBe(true);
    });

    it('stores a signed batch of a video item and an image item: the blob decodes to labels whose version-2 text is the stored text and hashes to the signed leaf', async () => {
      const labels = sampleVideoLabels(clip.frameCount);
      const items = [
        { itemId: video.itemId, shapes: labels.shapes, video: labels.video },
        { itemId: image.itemId, shapes: [box('car', 10, 20)] },
      ];
      const signed = await signedBatch(hub, annotator, taskId, items);
      const res = await call<{ batchId: string; root: string; duplicate: boolean }>(hub, 'POST', '/batches', { token, json: signed });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // The receipt is the batch's EIP-712 digest in this hub's domain; the root is core's over the video-aware leaves.
      const domain = groundworkDomain({ chainId: hub.context.config.chainId, verifyingContract: hub.context.config.rewardsContract });
      expect(res.body).toMatchObject({ batchId: labelBatchDigest(domain, signed.batch), root: batchRootOfItems(items), duplicate: false });

      const [batch] = await hub.context.db.query<{ labels: Uint8Array; root: string }>('SELECT labels, root FROM batches WHERE digest = $1', [res.body.batchId]);
      const decoded = decodeLabelsBlob(Buffer.from(batch!.labels));
      const leaves = new Map(batchLeaves(items).map((l) => [l.itemId, l.hash]));
      const hashes = new Map(
        (await hub.context.db.query<{ item_id: string; label_hash: string }>('SELECT item_id, label_hash FROM assignments WHERE annotator = $1 AND task_id = $2', [annotator.address, taskId])).map((r) => [
          r.item_id,
          r.label_hash,
        ]),
      );
      const stored = decoded.get(video.itemId)!;
      expect(stored.video).toBeDefined();
      const text = canonicalItemLabels(stored.itemId, stored.shapes, stored.video);
      expect(text.startsWith(`{"v":2,"item":${JSON.stringify(video.itemId)},"frames":60,`)).toBe(true);
      expect(text).toBe(canonicalItemLabels(video.itemId, labels.shapes, labels.video));
      expect(keccakHex(text)).toBe(leaves.get(video.itemId));
      expect(hashes.get(video.itemId)).toBe(leaves.get(video.itemId));
      // The stored blob keeps the exact v2 text, byte for byte.
      const raw = (await import('node:zlib')).gunzipSync(Buffer.from(batch!.labels)).toString('utf8');
      expect(raw).toContain(text);
      // The image item stays version 1, unchanged by video.
      const img = decoded.get(image.itemId)!;
      expect(img.video).toBeUndefined();
      expect(canonicalItemLabels(img.itemId, img.shapes)).toMatch(/^\{"v":1,/);
      expect(keccakHex(canonicalItemLabels(img.itemId, img.shapes))).toBe(hashes.get(image.itemId));
      // Lineage returns the signed video labels.
      const lineage = await call<{ submissions: { labelsMatchHash: boolean; video?: unknown }[] }>(hub, 'GET', `/items/${video.itemId}/lineage`, { token: reqToken });
      expect(lineage.status).toBe(200);
      expect(lineage.body.submissions[0]).toMatchObject({ labelsMatchHash: true });
    });
  });
}

videoIngestSuite('PGlite', () => undefined);

describeOnPostgres('video task ingest', (url) => videoIngestSuite('PostgreSQL', url));
