import { describe, expect, it } from 'vitest';
import type { Project } from '../../../core/model/project';
import { testVideoItem } from '../../editor/testing/testVideoEditor';
import { testSchema } from '../../editor/testing/testEditor';
import { exportVideoFiles, parseVideoImport } from './videoLabelFiles';

const project: Project = { id: 'proj1', name: 'P', rootId: 'r', rootPath: '/p', labelSchema: testSchema, createdAt: 0, updatedAt: 0, schemaVersion: 1 };
const item = testVideoItem(20);

describe('video label files', () => {
  it('imports MOT as tracks of the project classes and exports them back line for line', () => {
    const gt = '3,1,10.00,20.00,30.00,40.00,1,1,1\n4,1,12.00,20.00,30.00,40.00,1,1,1\n';
    const parsed = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: gt }, { path: 'gt/labels.txt', content: 'car\n' }], project, item, 'me', 5);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.mapped.tracks).toHaveLength(1);
    expect(parsed.mapped.tracks[0]).toMatchObject({ classId: 'car', itemId: item.id, author: 'me' });
    const files = exportVideoFiles('mot', project, item, parsed.mapped.tracks, parsed.mapped.shapes);
    const lines = files.find((f) => f.path === 'gt/gt.txt')!.content.split('\n').filter(Boolean);
    expect(lines.slice(0, 2)).toEqual(['3,1,10.00,20.00,30.00,40.00,1,1,1', '4,1,12.00,20.00,30.00,40.00,1,1,1']);
  });

  it('reports a malformed file with its place, and classes the project lacks, importing nothing', () => {
    const bad = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: '1,1,10,20,oops,40,1,1,1\n' }], project, item, 'me', 5);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/gt\/gt\.txt \(line 1/);
    const unknown = parseVideoImport('mot', [{ path: 'gt/gt.txt', content: '1,1,10,20,5,5,1,1,1\n' }, { path: 'gt/labels.txt', content: 'zebra\n' }], project, item, 'me', 5);
    expect(!unknown.ok && unknown.error).toMatch(/classes this project does not have: zebra/);
  });
});
