import { describe, expect, it } from 'vitest';
import { cocoVideoFormat } from './cocoVideo';
import { motFormat } from './mot';
import { TAGS_FILE, exportTagsFile, importTagsFile } from './tagsFile';
import { expectFormatError, richVideoDataset } from './testKit';

const video = richVideoDataset().video;
const file = (content: unknown) => [{ path: `gt/${TAGS_FILE}`, content: JSON.stringify(content) }];
const valid = () => ({
  version: 1,
  video: { fileName: video.fileName, frameCount: 100 },
  frameTags: [{ label: 'night', startFrame: 0, endFrame: 9 }],
  segments: [
    { startFrame: 0, endFrame: 49, tags: ['a'] },
    { startFrame: 50, endFrame: 99, tags: [] },
  ],
});

describe('tags.json', () => {
  it('writes the documented layout: version, video, frameTags with labels and 0-based inclusive frames, segments', () => {
    const written = exportTagsFile(richVideoDataset(), 'gt')!;
    expect(written.path).toBe('gt/tags.json');
    expect(JSON.parse(written.content)).toEqual({
      version: 1,
      video: { fileName: 'clips/street.mp4', frameCount: 100 },
      frameTags: [
        { label: 'night', startFrame: 0, endFrame: 9 },
        { label: 'rain', startFrame: 5, endFrame: 5 },
        { label: 'night', startFrame: 50, endFrame: 99 },
      ],
      segments: [
        { startFrame: 0, endFrame: 29, tags: ['intro'] },
        { startFrame: 30, endFrame: 99, tags: ['street', 'busy'] },
      ],
    });
  });

  it('reads it back, and reads nothing when there is none', () => {
    expect(importTagsFile(file(valid()), video)).toEqual({
      frameTags: [{ className: 'night', startFrame: 0, endFrame: 9 }],
      segments: [
        { startFrame: 0, endFrame: 49, tags: ['a'] },
        { startFrame: 50, endFrame: 99, tags: [] },
      ],
    });
    expect(importTagsFile([], video)).toEqual({ frameTags: [], segments: [] });
  });

  it('names the JSON path of a wrong type, an unknown key and a wrong version', () => {
    expectFormatError(() => importTagsFile(file({ ...valid(), frameTags: [{ label: 'x', startFrame: 'one', endFrame: 2 }] }), video), 'gt/tags.json', 'frameTags[0].startFrame', /number/);
    expectFormatError(() => importTagsFile(file({ ...valid(), segments: [{ startFrame: 0, endFrame: 99, tags: [], score: 1 }] }), video), 'gt/tags.json', 'segments[0]', /score/);
    expectFormatError(() => importTagsFile(file({ ...valid(), version: 2 }), video), 'gt/tags.json', 'version', /1/);
  });

  it('names frames past the video, reversed ranges, gaps between segments and a frame count of another video', () => {
    expectFormatError(() => importTagsFile(file({ ...valid(), frameTags: [{ label: 'x', startFrame: 5, endFrame: 100 }] }), video), 'gt/tags.json', 'frameTags[0].endFrame', /frame 100 is outside the video .*frames count from 0/);
    expectFormatError(() => importTagsFile(file({ ...valid(), frameTags: [{ label: 'x', startFrame: 5, endFrame: 4 }] }), video), 'gt/tags.json', 'frameTags[0]', /startFrame 5 is after endFrame 4/);
    const gap = { ...valid(), segments: [{ startFrame: 0, endFrame: 40, tags: [] }, { startFrame: 50, endFrame: 98, tags: [] }] };
    const error = expectFormatError(() => importTagsFile(file(gap), video), 'gt/tags.json', 'segments[1].startFrame', /expected startFrame 41, got 50/);
    expect(error.problems[1]).toEqual({ location: 'segments[1].endFrame', reason: 'the last segment must end on the last frame (99), not 98' });
    expectFormatError(() => importTagsFile(file({ ...valid(), video: { fileName: 'x.mp4', frameCount: 120 } }), video), 'gt/tags.json', 'video.frameCount', /120 frames, but "clips\/street.mp4" has 100/);
  });

  it('is found beside the gt.txt that MOT imports, and its labels join the classes', () => {
    const files = [{ path: 'seq/gt/gt.txt', content: '1,1,0,0,5,5,1,1,1\n' }, { path: 'seq/gt/labels.txt', content: 'car\n' }, { path: 'seq/gt/tags.json', content: JSON.stringify(valid()) }];
    const { dataset } = motFormat.importDataset(files, { video, classes: [] });
    expect(dataset.classes).toEqual(['car', 'night']);
    expect(dataset.frameTags).toEqual([{ className: 'night', startFrame: 0, endFrame: 9 }]);
    expect(dataset.segments).toHaveLength(2);
  });

  it('is not taken for the COCO file when the COCO file has another name (CVAT: annotations/instances_default.json)', () => {
    const exported = cocoVideoFormat.exportDataset(richVideoDataset());
    const renamed = exported.map((f) => ({ ...f, path: f.path === 'annotations.json' ? 'annotations/instances_default.json' : `annotations/${f.path}` }));
    const { dataset } = cocoVideoFormat.importDataset(renamed, { video, classes: [] });
    expect(dataset.frameTags).toEqual(richVideoDataset().frameTags);
    expect(dataset.segments).toEqual(richVideoDataset().segments);
  });
});
