import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/item';
import { LabelSchemaSchema } from '../../model/labelSchema';
import type { Project } from '../../model/project';
import { createBoxShape } from '../../model/shapeFactory';
import type { FrameTag, Segment, Track } from '../../model/track';
import { detectVideoFormat, videoFormats } from './index';
import { fromVideoDataset, toVideoDataset, videoImportContext } from './videoMapping';

const project: Project = {
  id: 'p1',
  name: 'Streets',
  rootId: 'r1',
  rootPath: '/data',
  labelSchema: LabelSchemaSchema.parse({
    classes: [
      { id: 'c_car', name: 'car', color: '#ff0000' },
      { id: 'c_bike', name: 'bike', color: '#00ff00' },
    ],
  }),
  createdAt: 1,
  updatedAt: 1,
  schemaVersion: 1,
};

const video: Item = {
  id: 'v1',
  projectId: 'p1',
  kind: 'video',
  relPath: 'clips/a.mp4',
  width: 320,
  height: 240,
  sha256: 'a'.repeat(64),
  phash: '0'.repeat(16),
  status: 'new',
  order: 0,
  video: { frameCount: 60, fps: 30, durationSec: 2, variableFrameRate: false, codec: 'h264', rotation: 0 },
};

function track(id: string, createdAt: number, classId: string, frames: [number, number, boolean][]): Track {
  return {
    id,
    projectId: 'p1',
    itemId: 'v1',
    classId,
    attributes: {},
    keyframes: frames.map(([frame, x, outside]) => ({ frame, box: { x, y: 10, w: 20, h: 20 }, outside, source: 'human' as const })),
    author: 'ann',
    createdAt,
    updatedAt: createdAt,
    version: 0,
  };
}

describe('video dataset mapping', () => {
  const tracks = [
    track('t2', 20, 'c_bike', [[5, 50, false]]),
    track('t1', 10, 'c_car', [
      [10, 0, false],
      [40, 30, false],
      [50, 30, true],
    ]),
  ];
  const cls = project.labelSchema.classes[0]!;
  const onFrame = { ...createBoxShape({ projectId: 'p1', itemId: 'v1', cls, box: { x: 1, y: 2, w: 3, h: 4 }, author: 'ann', now: 5 }), frame: 7 };
  const noFrame = createBoxShape({ projectId: 'p1', itemId: 'v1', cls, box: { x: 1, y: 2, w: 3, h: 4 }, author: 'ann', now: 6 });

  it('exports tracks in creation order with class names, and only boxes that sit on a frame', () => {
    const ds = toVideoDataset(project, video, { tracks, shapes: [onFrame, noFrame] });
    expect(ds.video).toEqual({ fileName: 'clips/a.mp4', width: 320, height: 240, frameCount: 60 });
    expect(ds.tracks.map((t) => t.className)).toEqual(['car', 'bike']);
    expect(ds.tracks[0]!.keyframes[2]).toEqual({ frame: 50, box: { x: 30, y: 10, w: 20, h: 20 }, outside: true });
    expect(ds.shapes).toEqual([{ frame: 7, className: 'car', box: { x: 1, y: 2, w: 3, h: 4 } }]);
  });

  it('comes back through every format as the same records, with new ids', () => {
    const ds = toVideoDataset(project, video, { tracks, shapes: [onFrame] });
    for (const format of Object.values(videoFormats)) {
      const files = format.exportDataset(ds);
      expect(detectVideoFormat(files)).toBe(format.id);
      const back = fromVideoDataset(format.importDataset(files, videoImportContext(project, video)).dataset, project, video, 'importer', 99);
      expect(back.newClasses).toEqual([]);
      expect(back.tracks.map((t) => [t.classId, t.keyframes.map((k) => [k.frame, k.box.x, k.outside])])).toEqual([
        [
          'c_car',
          [
            [10, 0, false],
            [40, 30, false],
            [50, 30, true],
          ],
        ],
        ['c_bike', [[5, 50, false]]],
      ]);
      expect(back.tracks.every((t) => t.id.startsWith('trk_') && t.author === 'importer' && t.createdAt === 99)).toBe(true);
      expect(back.shapes.map((s) => [s.classId, s.frame, s.box])).toEqual([['c_car', 7, { x: 1, y: 2, w: 3, h: 4 }]]);
    }
  });

  const night: FrameTag = { id: 'ftg_1', projectId: 'p1', itemId: 'v1', classId: 'c_bike', startFrame: 3, endFrame: 8, author: 'ann', createdAt: 1 };
  const early: FrameTag = { ...night, id: 'ftg_2', classId: 'c_car', startFrame: 0, endFrame: 0 };
  const shots: Segment[] = [
    { startFrame: 0, endFrame: 19, score: 0, tags: ['intro'] },
    { startFrame: 20, endFrame: 59, score: 0.83, tags: [] },
  ];
  const flagged = (): Track => {
    const t = track('t3', 30, 'c_car', [
      [0, 5, false],
      [4, 9, false],
      [6, 9, true],
    ]);
    t.keyframes[0]!.attributes = { occluded: true };
    t.keyframes[1]!.attributes = { visibility: 0.4 };
    return t;
  };

  it('exports frame tags by start frame with class names, segments without their scores, and keyframe flags', () => {
    const ds = toVideoDataset(project, video, { tracks: [flagged()], shapes: [], frameTags: [night, early], segments: shots });
    expect(ds.frameTags).toEqual([
      { className: 'car', startFrame: 0, endFrame: 0 },
      { className: 'bike', startFrame: 3, endFrame: 8 },
    ]);
    expect(ds.segments).toEqual([
      { startFrame: 0, endFrame: 19, tags: ['intro'] },
      { startFrame: 20, endFrame: 59, tags: [] },
    ]);
    expect(ds.tracks[0]!.keyframes.map((k) => k.attributes)).toEqual([{ occluded: true }, { visibility: 0.4 }, undefined]);
    expect(toVideoDataset(project, video, { tracks: [], shapes: [], segments: null }).segments).toEqual([]);
  });

  it('imports frame tags, segments (score 0) and the keyframe flags each format has room for', () => {
    for (const format of Object.values(videoFormats)) {
      const ds = toVideoDataset(project, video, { tracks: [flagged()], shapes: [], frameTags: [night, early], segments: shots });
      const back = fromVideoDataset(format.importDataset(format.exportDataset(ds), videoImportContext(project, video)).dataset, project, video, 'importer', 99);
      expect(back.frameTags.map((t) => [t.classId, t.startFrame, t.endFrame, t.author, t.createdAt, t.id.startsWith('ftg_')])).toEqual([
        ['c_car', 0, 0, 'importer', 99, true],
        ['c_bike', 3, 8, 'importer', 99, true],
      ]);
      expect(back.segments).toEqual([
        { startFrame: 0, endFrame: 19, score: 0, tags: ['intro'] },
        { startFrame: 20, endFrame: 59, score: 0, tags: [] },
      ]);
      // MOT has a visibility column and none for occluded.
      expect(back.tracks[0]!.keyframes.map((k) => k.attributes), format.id).toEqual([format.id === 'mot' ? undefined : { occluded: true }, { visibility: 0.4 }, undefined]);
      expect(back.warnings.counts).toEqual({});
    }
  });

  it('leaves out frame tags of classes the schema lacks, and the flags of plain boxes, and counts them', () => {
    const back = fromVideoDataset(
      {
        classes: ['car', 'fog'],
        video: { fileName: 'clips/a.mp4', width: 320, height: 240, frameCount: 60 },
        tracks: [],
        shapes: [{ frame: 2, className: 'car', box: { x: 0, y: 0, w: 1, h: 1 }, attributes: { visibility: 0.5 } }],
        frameTags: [{ className: 'fog', startFrame: 0, endFrame: 3 }],
        segments: [],
      },
      project,
      video,
      'a',
      1,
    );
    expect(back.frameTags).toEqual([]);
    expect(back.newClasses).toEqual(['fog']);
    expect(back.shapes).toHaveLength(1);
    expect(back.shapes[0]!.attributes).toEqual({});
    expect(back.warnings.counts).toEqual({ 'ignored-setting': 1, attribute: 1 });
  });

  it('reports classes the schema lacks and leaves their labels out', () => {
    const back = fromVideoDataset(
      { classes: ['plane'], video: { fileName: 'clips/a.mp4', width: 320, height: 240, frameCount: 60 }, tracks: [{ className: 'plane', keyframes: [{ frame: 0, box: { x: 0, y: 0, w: 1, h: 1 }, outside: false }] }], shapes: [], frameTags: [], segments: [] },
      project,
      video,
      'a',
      1,
    );
    expect(back).toMatchObject({ tracks: [], shapes: [], frameTags: [], segments: null, newClasses: ['plane'] });
    expect(back.warnings.counts).toEqual({ 'ignored-setting': 1 });
  });

  it('refuses an item that is not a probed video', () => {
    expect(() => toVideoDataset(project, { ...video, kind: 'image', video: undefined }, { tracks: [], shapes: [] })).toThrow(/"clips\/a.mp4" is not a probed video/);
  });
});
