import { describe, expect, it } from 'vitest';
import { FormatError, MAX_PROBLEMS } from '../formatError';
import { cocoVideoFormat } from './cocoVideo';
import { cvatVideoFormat } from './cvatVideo';
import { motFormat } from './mot';
import { expectFormatError, sampleVideoDataset, videoContextOf } from './testKit';

const context = videoContextOf(sampleVideoDataset());

function caught(run: () => unknown): FormatError {
  try {
    run();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

describe('files for the image importer', () => {
  it('CVAT for images XML given to CVAT for video says to use Import labels', () => {
    const xml = '<?xml version="1.0"?>\n<annotations><version>1.1</version><meta><task><mode>annotation</mode></task></meta><image id="0" name="a.jpg" width="10" height="10"><box label="car" xtl="0" ytl="0" xbr="1" ybr="1"/></image></annotations>';
    expectFormatError(() => cvatVideoFormat.importDataset([{ path: 'annotations.xml', content: xml }], context), 'annotations.xml', '', /CVAT for images file .*use Import labels in the project's toolbar/);
  });

  it('plain COCO given to COCO per frame says to use Import labels', () => {
    const coco = JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg', width: 640, height: 480 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1] }], categories: [{ id: 1, name: 'car' }] });
    expectFormatError(() => cocoVideoFormat.importDataset([{ path: 'instances.json', content: coco }], context), 'instances.json', '', /COCO for images .*use Import labels/);
  });

  it('a YOLO dataset given to MOT says to use Import labels', () => {
    expectFormatError(() => motFormat.importDataset([{ path: 'data.yaml', content: 'names: [car]\n' }, { path: 'gt/gt.txt', content: '' }], context), 'data.yaml', '', /YOLO dataset/);
  });
});

describe('MOT problems', () => {
  it(`lists the first ${MAX_PROBLEMS} bad lines of 100,000 and counts them all`, () => {
    const bad = '1,1,x,0,5,5,1,1,1\n'.repeat(100_000);
    const error = caught(() => motFormat.importDataset([{ path: 'gt/gt.txt', content: bad }], context));
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problemCount).toBe(100_000);
    expect(error.problems[19]).toEqual({ location: 'line 20', reason: 'x "x" is not a number' });
    expect(error.message).toBe('gt/gt.txt (line 1): x "x" is not a number (and 99999 more problems)');
  });

  it('keeps reading after a bad line, so one error names problems of different lines and kinds', () => {
    const lines = ['1,1,0,0,5,5,1,1,1', '2,1,abc,0,5,5,1,1,1', '500,2,0,0,5,5,1,1,1', '3,3,0,0,5,5,1,9,1', '4,1,0,0,5,5,1,2,1'];
    const error = caught(() => motFormat.importDataset([{ path: 'gt/gt.txt', content: lines.join('\n') }], context));
    // Class ids past the project's classes (no labels.txt) are one problem for all such lines, added once the file is read.
    expect(error.problems.map((p) => p.location)).toEqual(['line 2', 'line 3', 'line 5', 'line 4']);
    expect(error.problems[2]!.reason).toBe('object 1 changes class from 1 to 2');
    expect(error.problems[3]!.reason).toMatch(/^unknown class id 9: gt\.txt uses class ids up to 9/);
  });

  it('reads lines with id -1 (a det.txt) as plain boxes, not as one object with many boxes per frame', () => {
    const det = ['1,-1,10,10,5,5,0.9,-1,-1,-1', '1,-1,20,10,5,5,0.8,-1,-1,-1', '2,-1,11,10,5,5,1,-1,-1,-1'].join('\n');
    const { dataset, warnings } = motFormat.importDataset([{ path: 'gt/gt.txt', content: det }], context);
    expect(dataset.tracks).toEqual([]);
    expect(dataset.shapes.map((s) => [s.frame, s.box.x])).toEqual([
      [0, 10],
      [0, 20],
      [1, 11],
    ]);
    expect(warnings.counts).toEqual({ 'ignored-setting': 3 + 2 });
  });

  it('does not reject class id -1 as unknown', () => {
    const { dataset } = motFormat.importDataset([{ path: 'gt/gt.txt', content: '1,1,0,0,5,5,1,-1,1\n' }], context);
    expect(dataset.shapes).toEqual([{ frame: 0, className: 'car', box: { x: 0, y: 0, w: 5, h: 5 } }]);
  });

  it('takes the default class from labels.txt when there is one, and names a missing class list', () => {
    const gt = { path: 'gt/gt.txt', content: '1,1,0,0,5,5,1,-1,-1,-1\n' };
    const { dataset } = motFormat.importDataset([gt, { path: 'gt/labels.txt', content: 'pedestrian\n' }], context);
    expect(dataset.shapes[0]!.className).toBe('pedestrian');
    expectFormatError(() => motFormat.importDataset([gt], { ...context, classes: [] }), 'gt/gt.txt', 'line 1', /no class and the project's classes list none/);
  });

  it('keeps a detection confidence out and says so, and clamps a visibility past 1', () => {
    const { dataset, warnings } = motFormat.importDataset([{ path: 'gt/gt.txt', content: '1,1,0,0,5,5,0.37,1,1.4\n' }], context);
    expect(dataset.shapes[0]!.attributes).toBeUndefined();
    expect(warnings.counts).toEqual({ 'ignored-setting': 1, 'value-changed': 1 });
    expect(warnings.examples.map((e) => e.message)).toEqual(['confidence 0.37 is not kept', 'visibility 1.4 is outside 0..1: imported as 1']);
  });
});

describe('CVAT and COCO problems', () => {
  it('CVAT: names bad boxes of several tracks in one error', () => {
    const xml = `<annotations><track id="0" label="car"><box frame="0" xtl="a" ytl="0" xbr="1" ybr="1"/></track><track id="1" label="car"><box frame="500" xtl="0" ytl="0" xbr="1" ybr="1"/></track><tag frame="999" label="car"/></annotations>`;
    const error = caught(() => cvatVideoFormat.importDataset([{ path: 'annotations.xml', content: xml }], context));
    expect(error.problems.map((p) => p.location)).toEqual(['track 1 (id 0), box 1', 'track 2 (id 1), box 1', 'tag 1']);
  });

  it('skips rotated boxes (CVAT rotation attribute) instead of reading them upright', () => {
    const xml = `<annotations><track id="0" label="car"><box frame="0" keyframe="1" outside="0" occluded="0" rotation="30.0" xtl="0" ytl="0" xbr="10" ybr="10"/><box frame="5" keyframe="1" outside="0" occluded="0" rotation="0.0" xtl="0" ytl="0" xbr="10" ybr="10"/></track></annotations>`;
    const cvat = cvatVideoFormat.importDataset([{ path: 'annotations.xml', content: xml }], context);
    expect(cvat.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.attributes])).toEqual([[5, undefined]]);
    expect(cvat.warnings.examples.map((e) => [e.kind, e.location, e.message])).toEqual([['unsupported-shape', 'track 1 (id 0), box 1', 'a box rotated by 30° cannot be held upright: skipped']]);
    const coco = { videos: [{ id: 1 }], images: [{ id: 1, file_name: 'f.jpg', frame_id: 0 }], annotations: [{ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], attributes: { rotation: 45.5 } }], categories: [{ id: 1, name: 'car' }] };
    const fromCoco = cocoVideoFormat.importDataset([{ path: 'annotations.json', content: JSON.stringify(coco) }], context);
    expect(fromCoco.dataset.shapes).toEqual([]);
    expect(fromCoco.warnings.counts).toEqual({ 'unsupported-shape': 1 });
  });

  it('COCO: names bad annotations in one error', () => {
    const coco = { videos: [{ id: 1 }], images: [{ id: 1, file_name: 'f.jpg', frame_id: 0 }], annotations: [{ image_id: 9, category_id: 1, bbox: [0, 0, 1, 1] }, { image_id: 1, category_id: 7, bbox: [0, 0, 1, 1] }], categories: [{ id: 1, name: 'car' }] };
    const error = caught(() => cocoVideoFormat.importDataset([{ path: 'annotations.json', content: JSON.stringify(coco) }], context));
    expect(error.problems.map((p) => p.location)).toEqual(['annotations[0].image_id', 'annotations[1].category_id']);
  });
});
