import { describe, expect, it } from 'vitest';
import { cocoVideoFormat } from './cocoVideo';
import { cvatVideoFormat } from './cvatVideo';
import { motFormat } from './mot';
import { videoFixture as fixtureFile } from './testKit';
import type { VideoDescription } from './types';

/** Real files in each tool's own layout (fixtures/), imported as they are. */

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

describe('MOTChallenge 2015 gt.txt (frame,id,x,y,w,h,conf,x,y,z)', () => {
  const video: VideoDescription = { fileName: 'PETS.mp4', width: 640, height: 480, frameCount: 10 };
  const result = motFormat.importDataset([fixtureFile('mot15', 'gt/gt.txt')], { video, classes: ['pedestrian', 'car'] });

  it('gives every line the first class, clamps boxes past the edge and skips the one wholly outside', () => {
    const { dataset } = result;
    expect(dataset.classes).toEqual(['pedestrian', 'car']);
    expect(dataset.tracks).toEqual([
      {
        className: 'pedestrian',
        keyframes: [
          { frame: 0, box: box(100.5, 200, 50, 120), outside: false },
          { frame: 2, box: box(104.5, 200, 50, 120), outside: false },
          { frame: 3, box: box(104.5, 200, 50, 120), outside: true },
        ],
      },
      {
        className: 'pedestrian',
        keyframes: [
          { frame: 0, box: box(0, 150, 27.7, 100), outside: false },
          { frame: 1, box: box(0, 150, 31.7, 100), outside: false },
          { frame: 2, box: box(0, 150, 31.7, 100), outside: true },
        ],
      },
    ]);
    expect(dataset.shapes).toEqual([
      { frame: 0, className: 'pedestrian', box: box(600, 0, 40, 60) },
      { frame: 3, className: 'pedestrian', box: box(300, 300, 20, 40) },
    ]);
  });

  it('counts what it changed: 8 lines without class and 1 with world coordinates, 3 clamped, 1 outside', () => {
    expect(result.warnings.counts).toEqual({ 'ignored-setting': 9, 'box-clamped': 3, 'box-outside': 1 });
    const messages = result.warnings.examples.map((e) => `${e.location}: ${e.message}`);
    expect(messages).toContain('line 1: the line has no class column: given the first class "pedestrian" of the project\'s classes');
    expect(messages).toContain('line 4: box (x -12.3, y 150, w 40, h 100) runs outside the 640×480 frame; clamped to it');
    expect(messages).toContain('line 7: box (x 700, y 100, w 30, h 60) lies wholly outside the 640×480 frame; skipped');
    // Line 8's world coordinates are the 9th 'ignored-setting': counted, past the examples kept per kind.
    expect(messages.filter((m) => m.includes('world coordinates'))).toEqual([]);
  });
});

describe('MOT17 gt.txt (frame,id,x,y,w,h,conf,class,visibility)', () => {
  const mot17Classes = ['pedestrian', 'person_on_vehicle', 'car', 'bicycle', 'motorbike', 'non_mot_vehicle', 'static_person', 'distractor', 'occluder', 'occluder_on_ground', 'occluder_full', 'reflection'];
  const video: VideoDescription = { fileName: 'MOT17-02.mp4', width: 1920, height: 1080, frameCount: 600 };
  const result = motFormat.importDataset([fixtureFile('mot17', 'gt/gt.txt')], { video, classes: mot17Classes });

  it('keeps visibility as a keyframe flag, with a keyframe wherever it changes', () => {
    expect(result.dataset.tracks[0]).toEqual({
      className: 'pedestrian',
      keyframes: [
        { frame: 0, box: box(1338, 418, 167, 379), outside: false },
        { frame: 1, box: box(1342, 418, 167, 379), outside: false, attributes: { visibility: 0.86173 } },
        { frame: 3, box: box(1350, 418, 167, 379), outside: false, attributes: { visibility: 0.5 } },
        { frame: 4, box: box(1350, 418, 167, 379), outside: true },
      ],
    });
  });

  it('imports conf 0 boxes (static person) as ordinary boxes, class -1 as the first class, and clamps at the right edge', () => {
    expect(result.dataset.tracks[1]).toEqual({
      className: 'static_person',
      keyframes: [
        { frame: 0, box: box(912, 484, 97, 109), outside: false },
        { frame: 2, box: box(912, 484, 97, 109), outside: true },
      ],
    });
    expect(result.dataset.shapes).toEqual([
      { frame: 0, className: 'car', box: box(1800, 600, 120, 300), attributes: { visibility: 0.25 } },
      { frame: 4, className: 'pedestrian', box: box(10, 10, 20, 20) },
    ]);
    expect(result.warnings.counts).toEqual({ 'ignored-setting': 3, 'box-clamped': 1 });
    expect(result.warnings.examples.map((e) => [e.location, e.message])).toContainEqual(['line 5', 'conf 0 (a box MOTChallenge evaluation ignores): imported as an ordinary box']);
    expect(result.warnings.examples.map((e) => [e.location, e.message])).toContainEqual(['line 8', 'class -1 (none): given the first class "pedestrian" of the project\'s classes']);
  });

  it('writes visibility back on export', () => {
    const gt = motFormat.exportDataset(result.dataset)[0]!.content.split('\n');
    expect(gt.slice(0, 4)).toEqual([
      '1,1,1338.00,418.00,167.00,379.00,1,1,1',
      '2,1,1342.00,418.00,167.00,379.00,1,1,0.86173',
      '3,1,1346.00,418.00,167.00,379.00,1,1,0.86173',
      '4,1,1350.00,418.00,167.00,379.00,1,1,0.5',
    ]);
  });
});

describe('CVAT for video 1.1 task export (frame_filter step=2, polygon and points tracks, tags)', () => {
  const video: VideoDescription = { fileName: 'street.mp4', width: 640, height: 480, frameCount: 99 };
  const result = cvatVideoFormat.importDataset([fixtureFile('cvat-video', 'annotations.xml')], { video, classes: [] });

  it('keeps the box track with occluded and attribute flags per keyframe, clamped at the edge', () => {
    expect(result.dataset.classes).toEqual(['car', 'road', 'person', 'night']);
    expect(result.dataset.tracks).toEqual([
      {
        className: 'car',
        keyframes: [
          { frame: 0, box: box(10, 20, 100, 60), outside: false, attributes: { parked: false } },
          { frame: 4, box: box(30, 20, 100, 60), outside: false, attributes: { occluded: true, parked: false } },
          { frame: 6, box: box(560, 20, 80, 60), outside: false, attributes: { occluded: true, parked: true } },
          { frame: 8, box: box(560, 20, 100, 60), outside: true },
        ],
      },
    ]);
    expect(result.dataset.shapes).toEqual([]);
  });

  it('skips the polygon and points tracks, reports the frame filter, and merges tags on every 2nd frame into a range', () => {
    expect(result.warnings.counts).toEqual({ 'unsupported-shape': 2, 'ignored-setting': 1, 'box-clamped': 1 });
    expect(result.warnings.examples.filter((e) => e.kind === 'unsupported-shape').map((e) => [e.location, e.message])).toEqual([
      ['track 2 (id 1)', 'a polygon track (3 <polygon> elements) is not a box track: skipped'],
      ['track 3 (id 2)', 'a points track (2 <points> elements) is not a box track: skipped'],
    ]);
    expect(result.dataset.frameTags).toEqual([
      { className: 'night', startFrame: 0, endFrame: 4 },
      { className: 'night', startFrame: 20, endFrame: 20 },
    ]);
    expect(result.dataset.segments).toEqual([]);
  });
});

describe("CVAT's COCO 1.0 export of a video task (frame_000000.PNG, track_id, no frame_id)", () => {
  const video: VideoDescription = { fileName: 'street.mp4', width: 640, height: 480, frameCount: 4 };
  const result = cocoVideoFormat.importDataset([fixtureFile('coco-video', 'annotations/instances_default.json')], { video, classes: [] });

  it('reads frames from file names, keyframes from the flags, occluded as a flag, and clamps or skips boxes past the edge', () => {
    expect(result.dataset.tracks).toEqual([
      {
        className: 'car',
        keyframes: [
          { frame: 0, box: box(10, 20, 100, 60), outside: false },
          { frame: 2, box: box(20, 20, 100, 60), outside: false, attributes: { occluded: true } },
          { frame: 3, box: box(20, 20, 100, 60), outside: true },
        ],
      },
    ]);
    expect(result.dataset.shapes).toEqual([{ frame: 0, className: 'person', box: box(0, 400, 20, 80) }]);
    expect(result.warnings.counts).toEqual({ 'box-clamped': 1, 'box-outside': 1 });
    expect(result.warnings.examples.map((e) => e.location)).toEqual(['annotations[3].bbox', 'annotations[4].bbox']);
  });
});
