import { describe, expect, it } from 'vitest';
import { NO_WARNINGS } from '../../../core/formats';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Project } from '../../../core/model/project';
import { TestVideoEditor, testVideoItem } from '../../editor/testing/testVideoEditor';
import { testSchema } from '../../editor/testing/testEditor';
import { commitVideoImport, commitVideoImportWithClasses, exportVideoFiles, importedLabelsText, parseVideoImport } from './videoLabelFiles';

const project: Project = { id: 'proj1', name: 'P', rootId: 'r', rootPath: '/p', labelSchema: testSchema, createdAt: 0, updatedAt: 0, schemaVersion: 1 };
const item = testVideoItem(20);

describe('video label files', () => {
  it('imports MOT as tracks of the project classes and exports them back line for line', () => {
    const gt = '3,1,10.00,20.00,30.00,40.00,1,1,1\n4,1,12.00,20.00,30.00,40.00,1,1,1\n';
    const parsed = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: gt }, { path: 'gt/labels.txt', content: 'car\n' }], project, item, 'me', 5);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    const { mapped } = parsed.preview;
    expect(mapped.tracks).toHaveLength(1);
    expect(mapped.tracks[0]).toMatchObject({ classId: 'car', itemId: item.id, author: 'me' });
    const files = exportVideoFiles('mot', project, item, { tracks: mapped.tracks, shapes: mapped.shapes });
    const lines = files.find((f) => f.path === 'gt/gt.txt')!.content.split('\n').filter(Boolean);
    expect(lines.slice(0, 2)).toEqual(['3,1,10.00,20.00,30.00,40.00,1,1,1', '4,1,12.00,20.00,30.00,40.00,1,1,1']);
  });

  it('reports a malformed file with its place, and leaves classes the project lacks out of the preview', () => {
    const bad = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: '1,1,10,20,oops,40,1,1,1\n' }], project, item, 'me', 5);
    expect(bad).toMatchObject({ ok: false, failure: { kind: 'format', file: 'gt/gt.txt' } });
    expect(!bad.ok && bad.failure.kind === 'format' && bad.failure.problems[0]!.location).toMatch(/line 1/);
    const unknown = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: '1,1,10,20,5,5,1,1,1\n' }, { path: 'gt/labels.txt', content: 'zebra\n' }], project, item, 'me', 5);
    expect(unknown.ok && unknown.preview.mapped).toMatchObject({ newClasses: ['zebra'], tracks: [], shapes: [] });
    // A one-frame object is a plain box; it is there once the class is added.
    expect(unknown.ok && unknown.preview.asIfAdded?.mapped.shapes).toHaveLength(1);
  });

  it('adds the new classes to the schema on Import, maps again onto it and commits with the saved class ids', async () => {
    const files = [{ path: 'gt/gt.txt', content: '1,1,10,20,5,5,1,1,1\n' }, { path: 'gt/labels.txt', content: 'zebra\n' }];
    const parsed = parseVideoImport('mot', files, project, item, 'me', 5);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    const t = new TestVideoEditor();
    let saved: LabelSchema | null = null;
    const target = { updateLabelSchema: (_id: string, schema: LabelSchema) => Promise.resolve({ ...project, labelSchema: (saved = schema) }), controller: t.video, project, item: t.video.item, author: 'me' };
    const done = await commitVideoImportWithClasses(target, files, parsed.preview, true);
    const zebra = saved!.classes.find((c) => c.name === 'zebra')!;
    expect(done.ok && done.preview.mapped.shapes.map((s) => s.classId)).toEqual([zebra.id]);
    expect(t.committer.getShapes().map((s) => s.classId)).toEqual([zebra.id]);
  });

  it('refuses image files with the importer to use, and any other exception as data', () => {
    const voc = parseVideoImport('cvat-video', [{ path: 'a.xml', content: '<annotation><object><name>car</name></object></annotation>' }], project, item, 'me', 5);
    expect(voc).toMatchObject({ ok: false, failure: { kind: 'format', file: 'a.xml' } });
    expect(!voc.ok && voc.failure.kind === 'format' && voc.failure.problems[0]!.reason).toMatch(/Pascal VOC.*Import labels/);
    const broken = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: null as unknown as string }], project, item, 'me', 5);
    expect(broken).toMatchObject({ ok: false, failure: { kind: 'unreadable' } });
  });

  it('commits tracks, boxes, frame tags and the file’s shots as one undo step', () => {
    const before = { segments: [{ startFrame: 0, endFrame: 119, score: 0, tags: [] }], threshold: 0.4, scores: [] };
    const t = new TestVideoEditor({ video: { tracks: [], frameTags: [], segments: before } });
    const owner = { projectId: project.id, itemId: t.video.item.id, author: 'me', createdAt: 1 };
    const mapped = {
      tracks: [{ ...owner, id: 'trk_1', classId: 'car', attributes: {}, keyframes: [{ frame: 2, box: { x: 1, y: 1, w: 5, h: 5 }, outside: false, source: 'human' as const }], updatedAt: 1, version: 0 }],
      shapes: [{ ...owner, id: 'shp_1', kind: 'box' as const, classId: 'person', box: { x: 9, y: 9, w: 5, h: 5 }, attributes: {}, source: { kind: 'human' as const }, updatedAt: 1, version: 0, frame: 3 }],
      frameTags: [{ ...owner, id: 'tag_1', classId: 'person', startFrame: 4, endFrame: 8 }],
      segments: [
        { startFrame: 0, endFrame: 59, score: 0, tags: ['day'] },
        { startFrame: 60, endFrame: 119, score: 0, tags: [] },
      ],
      warnings: NO_WARNINGS,
      newClasses: [],
    };
    expect(importedLabelsText(mapped)).toBe('1 track, 1 box, 1 frame tag and 2 shots');
    const commits = t.committer.commits.length;
    commitVideoImport(t.video, { format: 'mot', mapped, warnings: NO_WARNINGS });
    expect(t.committer.commits.length).toBe(commits + 1);
    const video = t.committer.getVideo();
    expect([video.tracks.length, t.committer.getShapes().length, video.frameTags.length]).toEqual([1, 1, 1]);
    expect(video.segments).toMatchObject({ segments: mapped.segments, threshold: 0.4 });
    t.press('ctrl+z');
    const undone = t.committer.getVideo();
    expect([undone.tracks.length, t.committer.getShapes().length, undone.frameTags.length]).toEqual([0, 0, 0]);
    expect(undone.segments?.segments).toEqual(before.segments);
  });
});
