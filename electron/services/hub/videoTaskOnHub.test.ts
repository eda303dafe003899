import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignWorkRoute, createTaskRoute } from '../../../core/hubApi/tasks';
import type { CanonicalVideoLabels } from '../../../core/sync/canonicalVideo';
import { probeVideo } from '../../../native/video';
import { fixture } from '../../../native/video/testSupport/fixtures';
import type { BatchItem } from '../../common/services/hubService';
import { localAccount, localRequester } from '../localNetwork/localHubAccounts';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { createRootStore } from '../media/rootStore';
import { createBatchSigning } from './batchSigning';
import { createVideoEngine } from '../video/videoEngine';
import { withPacksAfterDownload } from '../video/packsAfterDownload';
import { createDownloadJob, taskMediaDir } from './downloadJob';

/**
 * A video task on a real hub (the local network: anvil + hub on PGlite in a
 * child process), from the annotator's workstation side: the clip (real
 * ffmpeg, x264 with B-frames) downloads through the resumable Range job and
 * its bytes verify; the annotator's video labels sign in the same EIP-712
 * batch as boxes, the summary counts what is signed, and the hub accepts them.
 */
describe('a video task on a real hub, from the workstation', () => {
  let dataDir: string;
  let network: LocalNetwork;
  const requester = localRequester();
  const annotator = localAccount(Wallet.createRandom().privateKey);
  let clip: Buffer;
  let sha256: string;
  let frameCount: number;
  let taskId: string;
  let itemId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-video-task-'));
    network = await startLocalNetwork({ dataDir });
    const file = await fixture('bframes');
    clip = await readFile(file);
    sha256 = createHash('sha256').update(clip).digest('hex');
    // The requester's frame count is its own probe of the file, as the publish job sends it.
    frameCount = (await probeVideo(file)).info.frameCount;
    const put = await requester.authedFetch(network.hubUrl, `/media/${sha256}`, { method: 'PUT', bytes: clip });
    expect(put.ok).toBe(true);
    const labelSchema = { classes: [{ id: 'c1', name: 'car', color: '#ff0000', attributes: [] }, { id: 'c2', name: 'night', color: '#0000ff', attributes: [] }] };
    const created = await requester.call(network.hubUrl, createTaskRoute, {
      body: { title: 'Cars on video', labelSchema, redundancy: 1, rewardPerItem: '1000', items: [{ sha256, fileName: 'clip.mp4', width: 320, height: 240, video: { frameCount, fps: 30 } }], consensus: { trackIouThreshold: 0.6 } },
    });
    taskId = created.taskId;
    const { items } = await annotator.client.call(network.hubUrl, assignWorkRoute, { params: { taskId }, body: { count: 5 } });
    expect(items).toHaveLength(1);
    expect(items[0]!.video).toEqual({ frameCount, fps: 30 });
    itemId = items[0]!.itemId;
  }, 180_000);

  afterAll(async () => {
    await network?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an interrupted download resumes with Range from the partial file, and the bytes verify', async () => {
    const roots = createRootStore(dataDir);
    const job = createDownloadJob(dataDir, annotator.client, roots);
    const dir = taskMediaDir(dataDir, network.hubUrl, taskId);
    const target = path.join(dir, `${sha256}.mp4`);
    // The run that was cut off left the first 40 % in the part file.
    const kept = Math.floor(clip.length * 0.4);
    await rm(dir, { recursive: true, force: true });
    await job({ kind: 'download', hubUrl: network.hubUrl, taskId, items: [{ sha256, fileName: 'x.mp4' }] }, { jobId: 'warm', signal: new AbortController().signal, progress: () => undefined });
    await rm(target);
    await writeFile(`${target}.part`, clip.subarray(0, kept));

    const messages: string[] = [];
    const result = (await job({ kind: 'download', hubUrl: network.hubUrl, taskId, items: [{ sha256, fileName: 'clip.mp4' }] }, { jobId: 'resume', signal: new AbortController().signal, progress: (_d, _t, m) => void messages.push(m ?? '') })) as {
      files: { sha256: string; relPath: string; bytes: number }[];
    };
    expect(result.files).toEqual([{ sha256, relPath: `${sha256}.mp4`, bytes: clip.length }]);
    expect((await readFile(target)).equals(clip)).toBe(true);
    // Only the rest came over the network.
    const mib = (n: number) => (n / 2 ** 20).toFixed(1);
    expect(messages.at(-1)).toBe(`1/1 files · ${mib(clip.length - kept)} MiB`);
    await expect(stat(`${target}.part`)).rejects.toThrow();
  });

  it("a downloaded video's frame pack is made for later: opened afterwards, its frames come from the pack at once", async () => {
    const roots = createRootStore(dataDir);
    const videos = createVideoEngine({ dataDir, roots, memoryCapBytes: 8 << 20 });
    try {
      const job = withPacksAfterDownload(createDownloadJob(dataDir, annotator.client, roots), videos);
      const result = await job({ kind: 'download', hubUrl: network.hubUrl, taskId, items: [{ sha256, fileName: 'clip.mp4' }] }, { jobId: 'packs', signal: new AbortController().signal, progress: () => undefined });
      // In the background, after the result: at the lowest CPU priority, so no deadline here but the test's.
      const packs = path.join(videos.cacheDir, 'packs');
      const checkedIndex = async () => {
        for (const name of (await readdir(packs).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))) {
          if ((JSON.parse(await readFile(path.join(packs, name), 'utf8')) as { checkedAgainst?: string }).checkedAgainst !== undefined) return true;
        }
        return false;
      };
      while (!(await checkedIndex())) await new Promise((r) => setTimeout(r, 50));
      const video = await videos.resolve(result.rootId, result.files[0]!.relPath);
      expect(await videos.preparePack(video)).toEqual({ state: 'ready', frames: frameCount });
    } finally {
      await videos.dispose();
    }
  }, 180_000);

  it('a partial file of other bytes is removed and named, never renamed into place', async () => {
    const roots = createRootStore(dataDir);
    const job = createDownloadJob(dataDir, annotator.client, roots);
    const target = path.join(taskMediaDir(dataDir, network.hubUrl, taskId), `${sha256}.mp4`);
    await rm(target, { force: true });
    const wrong = Buffer.from(clip.subarray(0, 1000));
    wrong[10] = wrong[10]! ^ 0xff;
    await writeFile(`${target}.part`, wrong);
    await expect(job({ kind: 'download', hubUrl: network.hubUrl, taskId, items: [{ sha256, fileName: 'clip.mp4' }] }, { jobId: 'bad', signal: new AbortController().signal, progress: () => undefined })).rejects.toThrow(/sha256 is [0-9a-f]{64}, not/);
    await expect(stat(`${target}.part`)).rejects.toThrow();
    await expect(stat(target)).rejects.toThrow();
  });

  function labels(frames: number): { shapes: BatchItem['shapes']; video: CanonicalVideoLabels } {
    return {
      shapes: [{ className: 'car', box: { x: 5, y: 6, w: 20, h: 30 }, frame: 3 }],
      video: {
        frameCount: frames,
        tracks: [
          {
            className: 'car',
            keyframes: [
              { frame: 0, box: { x: 10, y: 20, w: 50, h: 40 } },
              { frame: 40, box: { x: 60, y: 25, w: 50, h: 40 }, attributes: { occluded: true } },
              { frame: 80, box: { x: 60, y: 25, w: 50, h: 40 }, outside: true },
            ],
          },
        ],
        frameTags: [{ className: 'night', startFrame: 10, endFrame: 30 }],
        segments: [{ startFrame: 0, endFrame: 59, tags: ['street'] }, { startFrame: 60, endFrame: frames - 1 }],
      },
    };
  }

  it('refuses before signing what the hub would refuse (the wire schema), naming the place', async () => {
    const signing = createBatchSigning(annotator.client, annotator.keys);
    const bad = labels(frameCount);
    bad.video.tracks[0]!.className = 'c'.repeat(201);
    await expect(signing.prepare(network.hubUrl, taskId, [{ itemId, ...bad }])).rejects.toMatchObject({ details: { code: 'bad-batch' }, message: expect.stringContaining('items[0].video.tracks[0].className') });
  });

  it('signs tracks, frame tags, shots and frame boxes in one batch, shows their counts, and the hub accepts it', async () => {
    const signing = createBatchSigning(annotator.client, annotator.keys);
    const { requestId, summary } = await signing.prepare(network.hubUrl, taskId, [{ itemId, ...labels(frameCount) }]);
    expect(summary).toMatchObject({ taskId, itemCount: 1, annotator: annotator.address, video: { items: 1, tracks: 1, keyframes: 3, frameTags: 1, segments: 2 } });
    const signed = await signing.sign(requestId);
    expect(signed.items[0]!.video!.frameCount).toBe(frameCount);
    const result = await signing.upload(signed);
    expect(result).toMatchObject({ status: 'accepted' });
    // The same signature again is the same batch (deduped), not a second submission.
    expect(await signing.upload(signed)).toMatchObject({ status: 'accepted', receipt: { duplicate: true } });
  });
});
