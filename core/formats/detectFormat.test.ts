import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFormatOrReason } from './detectFormat';
import { FormatError } from './formatError';
import { detectFormat, formats, formatIds } from './index';
import { fixture, sampleDataset } from './testKit';
import { videoFixture } from './video/testKit';

/** A LabelMe file as labelme writes it: shapes first, then imagePath, then the image itself as base64. */
const labelMe = (shapeCount: number, imageDataChars = 0) =>
  JSON.stringify({
    version: '5.4.1',
    flags: {},
    shapes: Array.from({ length: shapeCount }, (_, i) => ({ label: 'cat', points: [[i, i], [i + 10, i + 10]], group_id: null, shape_type: 'rectangle', flags: {} })),
    imagePath: '../images/cat.jpg',
    imageData: 'A'.repeat(imageDataChars),
    imageHeight: 480,
    imageWidth: 640,
  });

const datumaro = '{"info":{},"categories":{"label":{"labels":[{"name":"cat","parent":"","attributes":[]}],"attributes":["occluded"]}},"items":[{"id":"a","annotations":[],"image":{"path":"a.jpg","size":[480,640]}}]}';

describe('detectFormat', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(formatIds)('recognises its own %s export', (id) => {
    expect(detectFormat(formats[id].exportDataset(sampleDataset()))).toBe(id);
  });

  it('recognises files written by other tools', () => {
    expect(detectFormat([{ path: 'train/labels/x.txt', content: '0 0.5 0.5 0.1 0.1' }])).toBe('yolo');
    expect(detectFormat([{ path: 'x.xml', content: '<?xml version="1.0"?><annotation><filename>x.jpg</filename></annotation>' }])).toBe('voc');
    expect(detectFormat([{ path: 'instances_default.json', content: '{"licenses":[],"images":[],"annotations":[],"categories":[]}' }])).toBe('coco');
    expect(detectFormat([fixture('cvat-ascii.xml'), fixture('cvat-images-shapes.xml')])).toBe('cvat');
    expect(detectFormat([fixture('voc-truncated-difficult.xml')])).toBe('voc');
    expect(detectFormat([fixture('labelstudio-two-annotators.json')])).toBe('labelstudio');
  });

  it('recognises LabelMe (shapes and imagePath) and Datumaro (annotations/*.json with items and categories)', () => {
    expect(detectFormat([{ path: 'images/cat.json', content: labelMe(2) }])).toBe('labelme');
    expect(detectFormat([{ path: 'annotations/default.json', content: datumaro }])).toBe('datumaro');
    expect(detectFormat([{ path: 'export/annotations/train.json', content: datumaro }])).toBe('datumaro');
    // CVAT's COCO export sits in annotations/ too, but has images and no items.
    expect(detectFormat([{ path: 'annotations/instances_default.json', content: '{"images":[],"annotations":[],"categories":[]}' }])).toBe('coco');
  });

  it('finds LabelMe imagePath behind megabytes of shapes and image data, without parsing the JSON', () => {
    const parse = vi.spyOn(JSON, 'parse');
    expect(detectFormat([{ path: 'cat.json', content: labelMe(20_000, 2_000_000) }])).toBe('labelme');
    const coco = `{"images":[${'{"id":1,"file_name":"a.jpg"},'.repeat(100_000)}{"id":2,"file_name":"b.jpg"}],"annotations":[],"categories":[]}`;
    expect(detectFormat([{ path: 'big.json', content: coco }])).toBe('coco');
    expect(parse).not.toHaveBeenCalled();
  });

  it('returns null for anything else', () => {
    expect(detectFormat([])).toBeNull();
    expect(detectFormat([{ path: 'notes.json', content: '{"hello": 1}' }])).toBeNull();
    expect(detectFormat([{ path: 'broken.json', content: '{' }])).toBeNull();
    expect(detectFormat([{ path: 'list.json', content: '[1, 2]' }])).toBeNull();
    expect(detectFormat([{ path: 'readme.txt', content: 'hi' }])).toBeNull();
  });
});

describe('detectFormatOrReason', () => {
  it('gives the format when the files are for Import labels', () => {
    expect(detectFormatOrReason([{ path: 'annotations/default.json', content: datumaro }])).toEqual({ format: 'datumaro' });
  });

  it.each([
    ['CVAT for video', videoFixture('cvat-video', 'annotations.xml')],
    ['MOT', videoFixture('mot17', 'gt/gt.txt')],
    ['COCO per video frame', { path: 'instances.json', content: '{"videos":[{"id":1}],"images":[{"id":1,"frame_id":0,"video_id":1}],"annotations":[]}' }],
  ])('says %s belongs to the video importer', (_, file) => {
    const detected = detectFormatOrReason([file]);
    expect(detected && 'reason' in detected && detected.reason).toBeInstanceOf(FormatError);
    expect(detected && 'reason' in detected ? detected.reason.reason : '').toMatch(/Video labels/);
  });

  it('is null when nothing fits', () => {
    expect(detectFormatOrReason([{ path: 'notes.json', content: '{"hello": 1}' }])).toBeNull();
  });
});
