import { expect } from 'vitest';
import { boxAtFrame } from '../../video/interpolate';
import type { FormatFile } from '../types';
import type { VideoDataset, VideoImportContext } from './types';

/**
 * A video dataset with what breaks naive exporters: fractional coordinates,
 * an outside range inside a track, a track ending before the video does,
 * one starting on frame 0, a track running to the last frame, and a plain box.
 */
export function sampleVideoDataset(): VideoDataset {
  return {
    classes: ['car', 'person', 'bike'],
    video: { fileName: 'clips/street.mp4', width: 640, height: 480, frameCount: 100 },
    tracks: [
      {
        className: 'car',
        keyframes: [
          { frame: 10, box: { x: 100.25, y: 50.5, w: 40, h: 20.75 }, outside: false },
          { frame: 40, box: { x: 160.75, y: 80.5, w: 100, h: 50.25 }, outside: false },
          { frame: 60, box: { x: 160.75, y: 80.5, w: 100, h: 50.25 }, outside: true },
          { frame: 70, box: { x: 300, y: 200, w: 30.5, h: 30.5 }, outside: false },
          { frame: 80, box: { x: 320, y: 210, w: 30.5, h: 30.5 }, outside: false },
          { frame: 90, box: { x: 320, y: 210, w: 30.5, h: 30.5 }, outside: true },
        ],
      },
      {
        className: 'person',
        keyframes: [
          { frame: 0, box: { x: 0, y: 0, w: 12.5, h: 40 }, outside: false },
          { frame: 5, box: { x: 10, y: 2, w: 12.5, h: 40 }, outside: false },
          { frame: 6, box: { x: 10, y: 2, w: 12.5, h: 40 }, outside: true },
        ],
      },
      {
        className: 'car',
        keyframes: [
          { frame: 95, box: { x: 600, y: 400, w: 40, h: 80 }, outside: false },
          { frame: 99, box: { x: 560, y: 400, w: 40, h: 80 }, outside: false },
        ],
      },
    ],
    shapes: [{ frame: 50, className: 'bike', box: { x: 5.5, y: 6.25, w: 7, h: 8 } }],
    frameTags: [],
    segments: [],
  };
}

/**
 * The sample with what the exchange form carries besides boxes: per-frame
 * flags that change on keyframes (and on a plain box), frame tags of two
 * tag classes (one a single frame, none touching another of its class, so
 * formats that tag per frame read them back as the same ranges) and shot
 * segments covering the video.
 */
export function richVideoDataset(): VideoDataset {
  const ds = sampleVideoDataset();
  ds.classes.push('night', 'rain');
  const car = ds.tracks[0]!.keyframes;
  car[0]!.attributes = { occluded: true, visibility: 0.5 };
  car[1]!.attributes = { visibility: 0.25 };
  car[3]!.attributes = { occluded: true };
  ds.shapes[0]!.attributes = { visibility: 0.75 };
  ds.frameTags = [
    { className: 'night', startFrame: 0, endFrame: 9 },
    { className: 'rain', startFrame: 5, endFrame: 5 },
    { className: 'night', startFrame: 50, endFrame: 99 },
  ];
  ds.segments = [
    { startFrame: 0, endFrame: 29, tags: ['intro'] },
    { startFrame: 30, endFrame: 99, tags: ['street', 'busy'] },
  ];
  return ds;
}

export function videoContextOf(dataset: VideoDataset): VideoImportContext {
  return { video: { ...dataset.video }, classes: [...dataset.classes] };
}

/** Same classes, shapes, keyframes (with their flags), frame tags and segments; and every frame of every track shows the same box within `tolerance` px. */
export function expectSameVideoLabels(actual: VideoDataset, expected: VideoDataset, tolerance = 0.011): void {
  expect(actual.classes).toEqual(expected.classes);
  expect(actual.shapes).toEqual(expected.shapes);
  expect(actual.frameTags).toEqual(expected.frameTags);
  expect(actual.segments).toEqual(expected.segments);
  expect(actual.tracks.map((t) => t.className)).toEqual(expected.tracks.map((t) => t.className));
  expect(actual.tracks.map((t) => t.keyframes.map((k) => k.attributes))).toEqual(expected.tracks.map((t) => t.keyframes.map((k) => k.attributes)));
  actual.tracks.forEach((track, i) => {
    const original = expected.tracks[i]!;
    expect(track.keyframes.map((k) => [k.frame, k.outside])).toEqual(original.keyframes.map((k) => [k.frame, k.outside]));
    for (let frame = 0; frame < expected.video.frameCount; frame++) {
      const a = boxAtFrame(track, frame);
      const b = boxAtFrame(original, frame);
      expect(a === null, `track ${i} frame ${frame}`).toBe(b === null);
      if (!a || !b) continue;
      expect(a.outside, `track ${i} frame ${frame}`).toBe(b.outside);
      if (a.outside) continue;
      for (const c of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(a.box[c] - b.box[c]), `track ${i} frame ${frame} ${c}`).toBeLessThanOrEqual(tolerance);
    }
  });
}

export { expectFormatError } from '../testKit';

// core/ reads no files (no Node built-ins): Vite bundles the fixtures' text into the tests.
const videoFixtureTexts = import.meta.glob<string>('./fixtures/**/*', { query: '?raw', import: 'default', eager: true });

/** A file of fixtures/<folder>/ (in the tool's own layout) as import receives it: its path inside the folder, its text. */
export function videoFixture(folder: string, path: string): FormatFile {
  const content = videoFixtureTexts[`./fixtures/${folder}/${path}`];
  if (content === undefined) throw new Error(`no fixture ${folder}/${path} in core/formats/video/fixtures/`);
  return { path, content };
}
