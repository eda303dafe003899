import { describe, expect, it } from 'vitest';
import type { FormatFile } from '../formats';
import type { VideoFormatId } from '../formats/video';
import { itemLabelHash } from '../sync/canonicalLabels';
import type { LineageLine } from './exportFiles';
import { verifyExport } from './verifyExport';
import { buildVideoExport, ITEMS, recoverSigner } from './videoExportTestKit';

const FORMATS = ['mot', 'cvat-video', 'coco-video'] as const;
const problemsOf = (files: FormatFile[]) => verifyExport(files, { recoverSigner }).problems.map((p) => `${p.itemId} [${p.check}] ${p.message}`);
const AGREED_DIR = `dataset/clips/${ITEMS.agreed}/`;

/** The export with the agreed item's file ending in `name` changed. */
function editAgreed(files: FormatFile[], name: string, change: (content: string) => string): FormatFile[] {
  const target = files.filter((f) => f.path.startsWith(AGREED_DIR) && f.path.endsWith(name));
  expect(target).toHaveLength(1);
  return files.map((f) => (f === target[0] ? { ...f, content: change(f.content) } : f));
}

function editLine(files: FormatFile[], itemId: string, change: (line: LineageLine) => void): FormatFile[] {
  return files.map((f) => {
    if (f.path !== 'lineage.jsonl') return f;
    const lines = f.content.trim().split('\n').map((l) => JSON.parse(l) as LineageLine);
    lines.filter((l) => l.itemId === itemId).forEach(change);
    return { ...f, content: lines.map((l) => `${JSON.stringify(l)}\n`).join('') };
  });
}

/** The car track's keyframe on frame 30 (box 70,40 40×30), moved in the file as each format writes it. */
function moveKeyframe(format: VideoFormatId, files: FormatFile[]): FormatFile[] {
  if (format === 'cvat-video') return editAgreed(files, 'annotations.xml', (xml) => xml.replace('<box frame="30" keyframe="1" outside="0" occluded="0" xtl="70"', '<box frame="33" keyframe="1" outside="0" occluded="0" xtl="70"'));
  if (format === 'mot') return editAgreed(files, 'gt.txt', (gt) => gt.replace(/^31,1,70\.00,/m, '31,1,75.00,'));
  return editAgreed(files, 'annotations.json', (text) => {
    const coco = JSON.parse(text) as { images: { id: number; frame_id: number }[]; annotations: { image_id: number; bbox: number[] }[] };
    const frame30 = coco.images.find((i) => i.frame_id === 30)!.id;
    const box = coco.annotations.filter((a) => a.image_id === frame30 && a.bbox.join() === '70,40,40,30');
    expect(box).toHaveLength(1);
    box[0]!.bbox[0] = 75;
    return JSON.stringify(coco);
  });
}

/** The night tag on frames 0–29 dropped: CVAT has it in the XML, the others in tags.json. */
function dropFrameTag(format: VideoFormatId, files: FormatFile[]): FormatFile[] {
  if (format === 'cvat-video') return editAgreed(files, 'annotations.xml', (xml) => xml.replace(/ *<tag frame="\d+" label="night" source="manual"\/>\n/g, ''));
  return editAgreed(files, 'tags.json', (text) => JSON.stringify({ ...JSON.parse(text), frameTags: [] }));
}

/** The cut between the two shots moved from frame 20 to 25 (tags.json in every format). */
function moveCut(files: FormatFile[]): FormatFile[] {
  return editAgreed(files, 'tags.json', (text) => {
    const tags = JSON.parse(text) as { segments: { startFrame: number; endFrame: number }[] };
    tags.segments[0]!.endFrame = 24;
    tags.segments[1]!.startFrame = 25;
    return JSON.stringify(tags);
  });
}

describe('verifyExport of a video task', () => {
  it.each(FORMATS)('%s: an untouched export verifies, every item in its own folder', (format) => {
    const { files } = buildVideoExport(format);
    const result = verifyExport(files, { recoverSigner });
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual({ accepted: 1, resolved: 1, disputed: 1 });
    expect(result.submissions).toBe(9);
    expect(result.verdicts).toBe(1);
    expect(result.datasetBoxes).toBeGreaterThan(0);
  });

  it.each(FORMATS)('%s: a moved keyframe in the dataset file is named with its item, track and frame', (format) => {
    const problems = problemsOf(moveKeyframe(format, buildVideoExport(format).files));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(new RegExp(`^${ITEMS.agreed} \\[dataset\\] ${AGREED_DIR} \\(video "clips/${ITEMS.agreed}.mp4"\\): track "car"`));
    // MOT has no keyframes: the row's jump reads back as a keyframe on the frame before it.
    const expected = { 'cvat-video': /the dataset has frame 33 \[x 70/, 'coco-video': /the dataset has frame 30 \[x 75/, mot: /the dataset has frame 29 \[x 68/ }[format];
    expect(problems.join('\n')).toMatch(new RegExp(`${expected.source}.* where the lineage's labels have frame 30 \\[x 70`));
  });

  it.each(FORMATS)('%s: a dropped frame tag is named', (format) => {
    const problems = problemsOf(dropFrameTag(format, buildVideoExport(format).files));
    expect(problems).toEqual([`${ITEMS.agreed} [dataset] ${AGREED_DIR} (video "clips/${ITEMS.agreed}.mp4"): the lineage's frame tag "night" on frames 0–29 is not in the dataset`]);
  });

  it.each(FORMATS)('%s: a changed segment boundary is named', (format) => {
    const problems = problemsOf(moveCut(buildVideoExport(format).files));
    expect(problems).toEqual([
      `${ITEMS.agreed} [dataset] ${AGREED_DIR} (video "clips/${ITEMS.agreed}.mp4"): the lineage's segment 0–19 [street] is not in the dataset`,
      `${ITEMS.agreed} [dataset] ${AGREED_DIR} (video "clips/${ITEMS.agreed}.mp4"): the lineage's segment 20–59 [park] is not in the dataset`,
      `${ITEMS.agreed} [dataset] ${AGREED_DIR} (video "clips/${ITEMS.agreed}.mp4"): the dataset has a segment 0–24 [street] the lineage's labels do not have`,
      `${ITEMS.agreed} [dataset] ${AGREED_DIR} (video "clips/${ITEMS.agreed}.mp4"): the dataset has a segment 25–59 [park] the lineage's labels do not have`,
    ]);
  });

  it("fails when a submission's video labels are changed in the lineage: they no longer hash to the signed leaf", () => {
    const { files } = buildVideoExport('cvat-video');
    const changed = editLine(files, ITEMS.resolved, (l) => void (l.submissions[1]!.video!.segments[0]!.endFrame = 21, l.submissions[1]!.video!.segments[1]!.startFrame = 22));
    const problems = problemsOf(changed);
    expect(problems[0]).toMatch(new RegExp(`^${ITEMS.resolved} \\[labels\\] submission of 0x[0-9a-fA-F]{40} \\(batch 0x[0-9a-f]{64}\\): its shapes and video labels hash to 0x[0-9a-f]{64}, but the lineage says`));
  });

  it('fails when the final video labels are changed with their hash and the dataset: they are not what consensus gives', () => {
    const { files } = buildVideoExport('cvat-video');
    const changed = moveCut(
      editLine(files, ITEMS.agreed, (l) => {
        l.video!.segments = [{ startFrame: 0, endFrame: 24, tags: ['street'] }, { startFrame: 25, endFrame: 59, tags: ['park'] }];
        l.labelsHash = itemLabelHash(l.itemId, l.labels, l.video);
      }),
    );
    const problems = problemsOf(changed).join('\n');
    expect(problems).toMatch(new RegExp(`${ITEMS.agreed} \\[consensus\\] the final labels \\(1 shape, 2 tracks, 1 frame tag range, 2 segments, hash 0x[0-9a-f]{64}\\) are not what consensus over the submissions gives`));
    expect(problems).not.toContain('[dataset]');
  });

  it('fails when a video item is passed off as an image, or a video export lacks an item folder', () => {
    const { files } = buildVideoExport('mot');
    const noVideo = editLine(files, ITEMS.agreed, (l) => void delete l.video);
    expect(problemsOf(noVideo).join('\n')).toMatch(new RegExp(`${ITEMS.agreed} \\[labels\\] submission of .*: the submission carries video labels, but the item's final labels have none`));
    const missing = files.filter((f) => !f.path.startsWith(AGREED_DIR));
    expect(problemsOf(missing).join('\n')).toMatch(new RegExp(`${ITEMS.agreed} \\[dataset\\] ${AGREED_DIR} cannot be read as mot: .*gt.txt`));
  });

  it('names files outside every item folder (smuggled labels)', () => {
    const { files } = buildVideoExport('coco-video');
    const smuggled = [...files, { path: 'dataset/clips/other/annotations.json', content: '{}' }];
    expect(problemsOf(smuggled)).toEqual([expect.stringMatching(/^null \[dataset\] dataset\/ has 1 file outside every item's folder \(first: clips\/other\/annotations\.json\)/)]);
  });
});
