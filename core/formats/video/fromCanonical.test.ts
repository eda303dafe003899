import { describe, expect, it } from 'vitest';
import { canonicalItemLabels, itemLabelHash } from '../../sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../sync/canonicalVideo';
import { canonicalFromVideoDataset, videoDatasetFromCanonical, type CanonicalVideoItem } from './fromCanonical';
import { videoFormats } from './index';
import { richVideoDataset } from './testKit';
import type { VideoFormatId } from './types';

const ITEM = 'itm_street';
const VIDEO = { fileName: 'clips/street.mp4', width: 640, height: 480 };

/** The rich sample (tracks with outside ranges and flags, a plain box with a flag, frame tags, segments) in canonical form. */
function canonicalSample(): CanonicalVideoItem {
  return canonicalFromVideoDataset(richVideoDataset());
}

/** MOT has no column for occluded: its sample carries visibility only. */
function withoutOccluded(item: CanonicalVideoItem): CanonicalVideoItem {
  const tracks = item.video.tracks.map((t) => ({
    ...t,
    keyframes: t.keyframes.map(({ attributes, ...k }) => {
      const { occluded: _occluded, ...rest } = attributes ?? {};
      return Object.keys(rest).length > 0 ? { ...k, attributes: rest } : k;
    }),
  }));
  return { shapes: item.shapes, video: { ...item.video, tracks } };
}

function throughFormat(id: VideoFormatId, item: CanonicalVideoItem): { labels: CanonicalVideoItem; warnings: Record<string, number> } {
  const dataset = videoDatasetFromCanonical(item, VIDEO, ['car', 'person']);
  const files = videoFormats[id].exportDataset(dataset);
  const { dataset: back, warnings } = videoFormats[id].importDataset(files, { video: { ...dataset.video }, classes: dataset.classes });
  return { labels: canonicalFromVideoDataset(back), warnings: warnings.counts };
}

describe('canonical video labels ↔ the formats', () => {
  it.each([
    ['cvat-video', canonicalSample()],
    ['coco-video', canonicalSample()],
    ['mot', withoutOccluded(canonicalSample())],
  ] as const)('%s: canonical → files → import → canonical gives the same canonical text and label hash', (id, item) => {
    const { labels, warnings } = throughFormat(id, item);
    expect(warnings).toEqual({});
    expect(canonicalItemLabels(ITEM, labels.shapes, labels.video)).toBe(canonicalItemLabels(ITEM, item.shapes, item.video));
    expect(itemLabelHash(ITEM, labels.shapes, labels.video)).toBe(itemLabelHash(ITEM, item.shapes, item.video));
  });

  it('keeps keyframes with outside and flags, frame boxes with their frame, frame tags and segment tags', () => {
    const item = canonicalSample();
    expect(item.video.frameTags).toEqual([
      { className: 'night', startFrame: 0, endFrame: 9 },
      { className: 'night', startFrame: 50, endFrame: 99 },
      { className: 'rain', startFrame: 5, endFrame: 5 },
    ]);
    expect(item.video.segments).toEqual([
      { startFrame: 0, endFrame: 29, tags: ['intro'] },
      { startFrame: 30, endFrame: 99, tags: ['busy', 'street'] },
    ]);
    expect(item.shapes).toEqual([{ className: 'bike', box: { x: 5.5, y: 6.25, w: 7, h: 8 }, frame: 50, attributes: { visibility: 0.75 } }]);
    const dataset = videoDatasetFromCanonical(item, VIDEO, ['person', 'truck']);
    expect(dataset.classes).toEqual(['person', 'truck', 'car', 'bike', 'night', 'rain']);
    expect(dataset.video).toEqual({ ...VIDEO, frameCount: 100 });
    const car = dataset.tracks.find((t) => t.keyframes[0]!.frame === 10)!;
    expect(car.keyframes.map((k) => [k.frame, k.outside, k.attributes])).toEqual([
      [10, false, { occluded: true, visibility: 0.5 }],
      [40, false, { visibility: 0.25 }],
      [60, true, undefined],
      [70, false, { occluded: true }],
      [80, false, undefined],
      [90, true, undefined],
    ]);
    expect(dataset.shapes).toEqual([{ frame: 50, className: 'bike', box: { x: 5.5, y: 6.25, w: 7, h: 8 }, attributes: { visibility: 0.75 } }]);
  });

  it('refuses a box without a frame, naming it', () => {
    const video: CanonicalVideoLabels = { frameCount: 10, tracks: [], frameTags: [], segments: [] };
    expect(() => videoDatasetFromCanonical({ shapes: [{ className: 'car', box: { x: 1, y: 1, w: 2, h: 2 } }], video }, VIDEO)).toThrow(/shapes\[0\] \(car\) has no frame/);
  });

  it('refuses labels outside the video, as the canonical form does', () => {
    const video: CanonicalVideoLabels = { frameCount: 10, tracks: [], frameTags: [{ className: 'night', startFrame: 3, endFrame: 12 }], segments: [] };
    expect(() => videoDatasetFromCanonical({ shapes: [], video }, VIDEO)).toThrow(/frameTags\[0\]\.endFrame is frame 12, but the video has 10 frames/);
  });
});
