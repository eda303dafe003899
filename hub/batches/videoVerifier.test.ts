import { Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { groundworkDomain } from '../../core/sync/eip712';
import { buildLabelBatch, LABEL_BATCH_TYPES, type BatchItem } from '../../core/sync/labelBatch';
import { createBatchVerifier } from './batchVerifier';
import { decodeLabelsBlob } from './labelsBlob';
import { sampleVideoLabels } from './videoTestKit';

const domain = groundworkDomain({ chainId: 31337, verifyingContract: Wallet.createRandom().address });
const limits = { maxItemsPerBatch: 100, maxShapesPerItem: 10 };
const wallet = Wallet.createRandom();

async function body(items: BatchItem[], edit?: (items: BatchItem[]) => void) {
  const built = buildLabelBatch({ annotator: wallet.address, taskId: 'task_v', items, nonce: 1, deadline: 2e9 });
  const signature = await wallet.signTypedData(domain, LABEL_BATCH_TYPES, built.batch);
  edit?.(built.items);
  return JSON.stringify({ batch: built.batch, signature, items: built.items });
}

/** The verifier on video items, on a worker thread and inline: same answers, leaves over version 2, located refusals (never the worker's 500). */
describe('batch verifier on video items', () => {
  const pool = createBatchVerifier({ domain, limits, workers: 1 });
  const inline = createBatchVerifier({ domain, limits, workers: 0 });
  afterAll(async () => {
    await pool.close();
    await inline.close();
  });

  const labels = sampleVideoLabels(90);
  const items: BatchItem[] = [
    { itemId: 'v', shapes: labels.shapes, video: labels.video },
    { itemId: 'i', shapes: [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 } }] },
  ];

  it('hashes a video item in version 2 and an image item in version 1; reports the frame count each claims; the blob decodes back', async () => {
    const raw = await body(items);
    const result = await pool.verify(raw);
    expect(result).toEqual(await inline.verify(raw));
    if (!result.ok) throw new Error(result.message);
    expect(result.itemIds).toEqual(['i', 'v']);
    expect(result.frameCounts).toEqual([null, 90]);
    expect(result.hashes).toEqual([itemLabelHash('i', items[1]!.shapes), itemLabelHash('v', labels.shapes, labels.video)]);
    const decoded = decodeLabelsBlob(Buffer.from(result.labelsGzipBase64, 'base64'));
    const v = decoded.get('v')!;
    expect(itemLabelHash('v', v.shapes, v.video)).toBe(result.hashes[1]);
  }, 60_000);

  it('refuses a keyframe past the end with a located 400 on the worker too', async () => {
    const raw = await body(items, (built) => {
      built.find((b) => b.itemId === 'v')!.video!.tracks[1]!.keyframes[0]!.frame = 90;
    });
    const result = await pool.verify(raw);
    expect(result).toEqual(await inline.verify(raw));
    expect(result).toMatchObject({ ok: false, status: 400, code: 'invalid_labels' });
    // Items are in id order in the signed body ("i" before "v"): the video item is items[1].
    expect(!result.ok && result.message).toMatch(/^items\[1\] \(item "v"\): video\.tracks\[\d\]\.keyframes\[0\]\.frame is frame 90, but the video has 90 frames/);
  }, 60_000);

  it('refuses segments that do not tile the video and two keyframes on one frame, each located', async () => {
    const gap = await inline.verify(
      await body(items, (built) => {
        built.find((b) => b.itemId === 'v')!.video!.segments[1]!.startFrame += 2;
      }),
    );
    expect(!gap.ok && gap.message).toMatch(/item "v".*video\.segments must tile the video/);
    const twice = await inline.verify(
      await body(items, (built) => {
        const track = built.find((b) => b.itemId === 'v')!.video!.tracks.find((t) => t.keyframes.length > 1)!;
        track.keyframes[1]!.frame = track.keyframes[0]!.frame;
      }),
    );
    expect(!twice.ok && twice.message).toMatch(/item "v".*two keyframes on frame/);
  });
});
