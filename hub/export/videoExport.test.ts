import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatFile } from '../../core/formats';
import { normalizeVideoLabels } from '../../core/sync/canonicalVideo';
import type { LineageLine } from '../../core/verify/exportFiles';
import { verifyExport } from '../../core/verify/verifyExport';
import { recoverSigner } from '../batches/recoverSigner';
import { freshSha, publishVideoTask } from '../batches/videoTestKit';
import { clipLabels, twoClips } from '../consensus/videoTestLabels';
import { call, startTestHub } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import { unzipText } from './exportTestKit';

/**
 * A video task on a real hub (PGlite): two clips published as video items,
 * three signed video submissions each, video consensus (clip 0 accepted,
 * clip 1 disputed on its segments), then a reviewer's signed video verdict.
 * Its export in MOT, CVAT for video and COCO per frame verifies offline,
 * and each tampering fails, named.
 */
let s: VideoReviewScenario;
beforeAll(async () => {
  s = await buildVideoReviewScenario(startTestHub);
}, 180_000);
afterAll(async () => s?.hub.close(), 120_000);

const problemsOf = (files: FormatFile[]) => verifyExport(files, { recoverSigner }).problems.map((p) => `${p.itemId} [${p.check}] ${p.message}`);
const lineageOf = (files: FormatFile[]) => files.find((f) => f.path === 'lineage.jsonl')!.content.trim().split('\n').map((l) => JSON.parse(l) as LineageLine);

async function download(query: string): Promise<{ status: number; files: FormatFile[]; body: string; name: string | null }> {
  const res = await fetch(`${s.hub.url}/tasks/${s.taskId}/export?${query}`, { headers: { authorization: `Bearer ${s.requesterToken}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, files: res.status === 200 ? unzipText(bytes) : [], body: res.status === 200 ? '' : new TextDecoder().decode(bytes), name: res.headers.get('content-disposition') };
}

/** The export of `format` through GET /tasks/:taskId/export, expected to succeed, as the requester downloads it. */
async function exported(format: 'mot' | 'cvat-video' | 'coco-video', disputed: 'include' | 'exclude'): Promise<FormatFile[]> {
  const res = await download(`format=${format}&disputed=${disputed}`);
  expect(res.status, res.body).toBe(200);
  return res.files;
}

function edit(files: FormatFile[], pathEnd: string, itemFolder: string, change: (content: string) => string): FormatFile[] {
  const target = files.filter((f) => f.path.startsWith(`dataset/${itemFolder}/`) && f.path.endsWith(pathEnd));
  expect(target).toHaveLength(1);
  return files.map((f) => (f === target[0] ? { ...f, content: change(f.content) } : f));
}

describe('export of a video task', () => {
  it('writes one folder per clip in CVAT for video and COCO per frame (format=cvat / coco), the disputed clip under disputed/, and verify-dataset accepts it', async () => {
    for (const format of ['cvat', 'coco'] as const) {
      const res = await download(`format=${format}&disputed=include`);
      expect(res.status, res.body).toBe(200);
      expect(res.name).toContain(`-${format}-video.zip`);
      const paths = res.files.map((f) => f.path).filter((p) => !p.endsWith('.json') || p.includes('/')).sort();
      const ext = format === 'cvat' ? 'annotations.xml' : 'annotations.json';
      expect(paths).toEqual(expect.arrayContaining([`dataset/clip0/${ext}`, 'dataset/clip0/tags.json', `disputed/clip1/${ext}`, 'disputed/clip1/tags.json']));
      const result = verifyExport(res.files, { recoverSigner });
      expect(result.problems).toEqual([]);
      expect(result.items).toEqual({ accepted: 1, resolved: 0, disputed: 1 });
      expect(result.manifest?.format).toBe(`${format}-video`);
      expect(result.manifest?.videoConsensus?.boundaryTolerance).toBe(5);
    }
  });

  it("carries each submission's signed video and the consensus video in the lineage, with the part scores", async () => {
    const lines = lineageOf((await download('format=cvat&disputed=include')).files);
    const accepted = lines.find((l) => l.itemId === s.items.accepted)!;
    expect(accepted.status).toBe('accepted');
    expect(accepted.video?.frameCount).toBe(100);
    expect(accepted.consensus.scores).toEqual({ tracks: expect.any(Number), frameTags: 1, segments: 1 });
    expect(accepted.consensus.agreeingAnnotators).toHaveLength(2);
    expect(accepted.submissions.map((sub) => sub.video)).toEqual(expect.arrayContaining([normalizeVideoLabels(twoClips(0, 0).video), normalizeVideoLabels(twoClips(2, 0).video)]));
    const disputed = lines.find((l) => l.itemId === s.items.disputed)!;
    expect(disputed.consensus.disputedParts).toEqual(['segments']);
  });

  it('refuses an image-only format for a video task with a 400 naming the formats that fit', async () => {
    for (const format of ['yolo', 'voc', 'labelstudio']) {
      const res = await download(`format=${format}`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: 'format_not_for_task', message: expect.stringMatching(/the task's items are videos.*mot .*cvat or cvat-video .*coco or coco-video/) });
    }
  });

  it('refuses a task of both videos and images with a 400 saying why', async () => {
    const mixed = await publishVideoTask(s.hub, s.requesterToken, { videos: [{ sha256: freshSha(), width: 640, height: 480, frameCount: 50, fps: 25 }], images: 1 });
    const res = await fetch(`${s.hub.url}/tasks/${mixed.taskId}/export?format=coco`, { headers: { authorization: `Bearer ${s.requesterToken}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'mixed_task', message: expect.stringContaining('has 1 video and 1 image items: no one format holds both') });
  });

  it('exports MOT (gt.txt, labels.txt, tags.json per clip) through the route (format=mot), and it verifies', async () => {
    const res = await download('format=mot&disputed=include');
    expect(res.status, res.body).toBe(200);
    expect(res.name).toContain('-mot.zip');
    const files = res.files;
    expect(verifyExport(files, { recoverSigner }).manifest?.format).toBe('mot');
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['dataset/clip0/gt/gt.txt', 'dataset/clip0/gt/labels.txt', 'dataset/clip0/gt/tags.json', 'disputed/clip1/gt/gt.txt']));
    expect(problemsOf(files)).toEqual([]);
  });

  it('after a signed video verdict, exports the resolved clip with the verdict in every format, and each tampering fails', async () => {
    const final = clipLabels();
    const signed = await signedVerdict(s.hub, s.reviewer.wallet, s.taskId, s.items.disputed, final.shapes, { video: final.video });
    const posted = await call(s.hub, 'POST', '/verdicts', { token: s.reviewer.token, json: signed });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);

    for (const format of ['mot', 'cvat-video', 'coco-video'] as const) {
      const files = await exported(format, 'exclude');
      const result = verifyExport(files, { recoverSigner });
      expect(result.problems, format).toEqual([]);
      expect(result.items).toEqual({ accepted: 1, resolved: 1, disputed: 0 });
      expect(result.verdicts).toBe(1);
      expect(lineageOf(files).find((l) => l.itemId === s.items.disputed)!.video).toEqual(normalizeVideoLabels(final.video));
    }

    const mot = await exported('mot', 'exclude');
    const where = (item: string) => new RegExp(`^${item} \\[dataset\\] dataset/clip\\d/ \\(video "clip\\d\\.mp4"\\): `);
    // A keyframe moved: the car's box on frame 0 (gt.txt's first line) 5 px to the right.
    const moved = problemsOf(edit(mot, 'gt/gt.txt', 'clip1', (gt) => gt.replace(/^1,1,10\.00,/m, '1,1,15.00,')));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatch(where(s.items.disputed));
    expect(moved[0]).toMatch(/track "car" .*keyframe 1: the dataset has frame 0 \[x 15, y 10, w 50, h 40\] where the lineage's labels have frame 0 \[x 10, y 10, w 50, h 40\]/);
    // A frame tag dropped from tags.json.
    const dropped = problemsOf(edit(mot, 'gt/tags.json', 'clip0', (t) => JSON.stringify({ ...JSON.parse(t), frameTags: [] })));
    expect(dropped).toEqual([expect.stringMatching(where(s.items.accepted))]);
    expect(dropped[0]).toMatch(/the lineage's frame tag "person" on frames 10–30 is not in the dataset$/);
    // A segment boundary moved from 50 to 55.
    const cut = problemsOf(
      edit(mot, 'gt/tags.json', 'clip0', (t) => {
        const tags = JSON.parse(t) as { segments: { startFrame: number; endFrame: number }[] };
        tags.segments[0]!.endFrame = 54;
        tags.segments[1]!.startFrame = 55;
        return JSON.stringify(tags);
      }),
    );
    expect(cut.join('\n')).toMatch(/the lineage's segment 0–49 \[car\] is not in the dataset/);
    expect(cut.join('\n')).toMatch(/the dataset has a segment 0–54 \[car\] the lineage's labels do not have/);
    // A submission's video changed in the lineage: it no longer hashes to the signed leaf.
    const changed = mot.map((f) => {
      if (f.path !== 'lineage.jsonl') return f;
      const lines = lineageOf(mot).map((l) => {
        if (l.itemId === s.items.accepted) l.submissions[0]!.video!.frameTags[0]!.endFrame = 31;
        return JSON.stringify(l);
      });
      return { ...f, content: `${lines.join('\n')}\n` };
    });
    expect(problemsOf(changed).join('\n')).toMatch(new RegExp(`${s.items.accepted} \\[labels\\] submission of 0x[0-9a-fA-F]{40} .*: its shapes and video labels hash to 0x[0-9a-f]{64}, but the lineage says`));
  });
});
