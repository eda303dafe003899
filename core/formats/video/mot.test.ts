import { describe, expect, it } from 'vitest';
import { FormatError } from '../formatError';
import { MOT_GT_FILE, MOT_LABELS_FILE, motFormat } from './mot';
import { expectFormatError, expectSameVideoLabels, sampleVideoDataset, videoContextOf } from './testKit';
import type { VideoDataset } from './types';

const tiny = (): VideoDataset => ({
  classes: ['car', 'person'],
  video: { fileName: 'v.mp4', width: 320, height: 240, frameCount: 6 },
  tracks: [
    {
      className: 'person',
      keyframes: [
        { frame: 1, box: { x: 10, y: 20, w: 30, h: 40 }, outside: false },
        { frame: 3, box: { x: 20.5, y: 20, w: 30, h: 40 }, outside: false },
        { frame: 4, box: { x: 20.5, y: 20, w: 30, h: 40 }, outside: true },
      ],
    },
  ],
  shapes: [{ frame: 0, className: 'car', box: { x: 1, y: 2, w: 3, h: 4.125 } }],
  frameTags: [],
  segments: [],
});

describe('MOT 1.1 export', () => {
  it('writes one line per visible frame with interpolated boxes, 1-based frames, ids in track order, 2 decimals', () => {
    const files = motFormat.exportDataset(tiny());
    expect(files.map((f) => f.path)).toEqual([MOT_GT_FILE, MOT_LABELS_FILE]);
    expect(files[0]!.content).toBe(
      ['2,1,10.00,20.00,30.00,40.00,1,2,1', '3,1,15.25,20.00,30.00,40.00,1,2,1', '4,1,20.50,20.00,30.00,40.00,1,2,1', '1,2,1.00,2.00,3.00,4.13,1,1,1', ''].join('\n'),
    );
    expect(files[1]!.content).toBe('car\nperson\n');
  });

  it('is deterministic', () => {
    expect(motFormat.exportDataset(sampleVideoDataset())).toEqual(motFormat.exportDataset(sampleVideoDataset()));
  });

  it('clamps boxes into the frame', () => {
    const ds = tiny();
    ds.shapes = [{ frame: 0, className: 'car', box: { x: -5, y: 230, w: 20, h: 20 } }];
    ds.tracks = [];
    expect(motFormat.exportDataset(ds)[0]!.content).toBe('1,1,0.00,230.00,15.00,10.00,1,1,1\n');
  });
});

describe('MOT 1.1 round trip', () => {
  it('gives back the keyframes, outside ranges, fractional coordinates and plain boxes', () => {
    const original = sampleVideoDataset();
    const back = motFormat.importDataset(motFormat.exportDataset(original), videoContextOf(original)).dataset;
    expectSameVideoLabels(back, original);
    expect(back.video).toEqual(original.video);
  });

  it('reads files in a sub-folder and with Windows line endings', () => {
    const files = motFormat.exportDataset(tiny()).map((f) => ({ path: `export/${f.path}`, content: f.content.replace(/\n/g, '\r\n') }));
    const expected = tiny();
    expected.shapes[0]!.box.h = 4.13; // written to 1/100 px
    expectSameVideoLabels(motFormat.importDataset(files, videoContextOf(tiny())).dataset, expected);
  });

  it('maps class ids through the project classes when there is no labels.txt', () => {
    const gt = motFormat.exportDataset(tiny())[0]!;
    const back = motFormat.importDataset([gt], { video: tiny().video, classes: ['car', 'person', 'truck'] }).dataset;
    expect(back.classes).toEqual(['car', 'person', 'truck']);
    expect(back.tracks[0]!.className).toBe('person');
    expect(back.shapes[0]!.className).toBe('car');
  });

  it('turns every-frame lines of a straight motion into two keyframes and a gap into an outside keyframe', () => {
    const lines = ['1,7,0,0,10,10,1,1,1', '2,7,2,0,10,10,1,1,1', '3,7,4,0,10,10,1,1,1', '4,7,6,0,10,10,1,1,1', '6,7,50,50,10,10,1,1,1', '7,7,50,50,10,10,1,1,1'];
    const back = motFormat.importDataset([{ path: 'gt.txt', content: lines.join('\n') }], { video: { fileName: 'v.mp4', width: 100, height: 100, frameCount: 10 }, classes: ['car'] }).dataset;
    expect(back.tracks).toHaveLength(1);
    expect(back.tracks[0]!.keyframes.map((k) => [k.frame, k.outside, k.box.x])).toEqual([
      [0, false, 0],
      [3, false, 6],
      [4, true, 6],
      [5, false, 50],
      [7, true, 50],
    ]);
  });
});

describe('MOT 1.1 skipped rows', () => {
  it('leaves a frame whose box lies wholly outside as a gap: the track goes outside there instead of being bridged', () => {
    const lines = ['1,7,0,0,10,10,1,1,1', '2,7,150,0,10,10,1,1,1', '3,7,4,0,10,10,1,1,1'];
    const result = motFormat.importDataset([{ path: 'gt.txt', content: lines.join('\n') }], { video: { fileName: 'v.mp4', width: 100, height: 100, frameCount: 10 }, classes: ['car'] });
    expect(result.dataset.tracks[0]!.keyframes.map((k) => [k.frame, k.outside, k.box.x])).toEqual([
      [0, false, 0],
      [1, true, 0],
      [2, false, 4],
      [3, true, 4],
    ]);
    expect(result.warnings.counts).toEqual({ 'box-outside': 1 });
  });
});

describe('MOT 1.1 malformed input', () => {
  const context = videoContextOf(tiny());
  const gt = (content: string) => [{ path: 'gt/gt.txt', content }, { path: 'gt/labels.txt', content: 'car\nperson\n' }];

  it('names the line of a bad number', () => {
    expectFormatError(() => motFormat.importDataset(gt('1,1,0,0,5,5,1,1,1\n2,1,abc,0,5,5,1,1,1\n'), context), 'gt/gt.txt', 'line 2', /x "abc" is not a number/);
  });

  it('names a frame out of range (1-based as in the file)', () => {
    expectFormatError(() => motFormat.importDataset(gt('7,1,0,0,5,5,1,1,1\n'), context), 'gt/gt.txt', 'line 1', /frame 7 is outside the video "v.mp4" \(6 frames\)/);
    expectFormatError(() => motFormat.importDataset(gt('0,1,0,0,5,5,1,1,1\n'), context), 'gt/gt.txt', 'line 1', /frame 0 is outside/);
  });

  it('names an unknown class id', () => {
    expectFormatError(() => motFormat.importDataset(gt('1,1,0,0,5,5,1,3,1\n'), context), 'gt/gt.txt', 'line 1', /unknown class id 3: gt\/labels.txt list 2 classes/);
  });

  it('says what to do when a MOT17 gt.txt without labels.txt uses class ids the project lacks, once for all such lines', () => {
    const lines = ['1,1,0,0,5,5,1,1,1', '1,2,0,0,5,5,0,7,1', '2,2,0,0,5,5,0,7,1', '1,3,0,0,5,5,0,12,1'];
    let error: unknown;
    try {
      motFormat.importDataset([{ path: 'MOT17-02/gt/gt.txt', content: lines.join('\n') }], { ...context, classes: ['pedestrian', 'car'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    const { problems, problemCount } = error as FormatError;
    expect(problemCount).toBe(1);
    expect(problems[0]!.location).toBe('line 2');
    expect(problems[0]!.reason).toMatch(/^unknown class id 7 and 2 more lines: gt\.txt uses class ids up to 12 \(MOT17's ids: 1 pedestrian, 2 person_on_vehicle, .*, 7 static_person, .*, 12 reflection\), but there is no gt\/labels\.txt/);
    expect(problems[0]!.reason).toMatch(/the project's 2 classes in order \(pedestrian, car\)\. Add a gt\/labels\.txt naming one class per line \(line N is class id N\), or add classes to the project so that id 12 exists$/);
  });

  it('rejects short lines, negative box sizes, duplicate frames and class changes', () => {
    expectFormatError(() => motFormat.importDataset(gt('\n1,1,0,0\n'), context), 'gt/gt.txt', 'line 2', /expected 6 to 10 comma-separated values .*, got 4/);
    expectFormatError(() => motFormat.importDataset(gt('1,1,30,0,-50,5,1,1,1\n'), context), 'gt/gt.txt', 'line 1', /negative box size \(width -50, height 5\)/);
    expectFormatError(() => motFormat.importDataset(gt('1,1,0,0,5,5,1,1,1\n1,1,1,0,5,5,1,1,1\n'), context), 'gt/gt.txt', 'line 2', /object 1 has two boxes on frame 0/);
    expectFormatError(() => motFormat.importDataset(gt('1,1,0,0,5,5,1,1,1\n2,1,1,0,5,5,1,2,1\n'), context), 'gt/gt.txt', 'line 2', /object 1 changes class from 1 to 2/);
  });

  it('names a duplicate class in labels.txt and a missing gt.txt', () => {
    expectFormatError(() => motFormat.importDataset([{ path: 'gt/gt.txt', content: '' }, { path: 'gt/labels.txt', content: 'car\ncar\n' }], context), 'gt/labels.txt', 'line 2', /duplicate class "car"/);
    expectFormatError(() => motFormat.importDataset([], context), 'gt/gt.txt', '', /missing/);
  });
});
