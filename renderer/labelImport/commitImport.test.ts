import { describe, expect, it } from 'vitest';
import type { Item } from '../../core/model/item';
import { LabelSchemaSchema, type LabelSchema } from '../../core/model/labelSchema';
import type { Project } from '../../core/model/project';
import type { Shape } from '../../core/model/shape';
import { commitImport, type ImportWriter } from './commitImport';
import { parseImport } from './runImport';

const schema = LabelSchemaSchema.parse({ classes: [{ id: 'c_car', name: 'car', color: '#ff0000' }] });
const project: Project = { id: 'p1', name: 'S', rootId: 'r', rootPath: '/x', labelSchema: schema, createdAt: 1, updatedAt: 1, schemaVersion: 1 };
const items: Item[] = [{ id: 'i1', projectId: 'p1', kind: 'image', relPath: 'street.png', width: 640, height: 480, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 }];
const object = (name: string) => `<object><name>${name}</name><truncated>0</truncated><difficult>1</difficult><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>`;
const voc = { path: 'street.xml', content: `<annotation><filename>street.png</filename><size><width>640</width><height>480</height><depth>3</depth></size>${object('car')}${object('truck')}</annotation>` };

/** The three store calls, in memory, with what was written. */
function fakeWriter() {
  const written = { schema: null as LabelSchema | null, shapes: [] as readonly Shape[], replace: false };
  const writer: ImportWriter = {
    updateLabelSchema: (_id, s) => Promise.resolve({ ...project, labelSchema: (written.schema = s) }),
    listItems: () => Promise.resolve(items),
    importShapes: (_id, shapes, options) => {
      written.shapes = shapes;
      written.replace = options.replace ?? false;
      return Promise.resolve({ count: shapes.length });
    },
  };
  return { writer, written };
}

describe('commitImport', () => {
  const parsed = parseImport([voc], 'auto', project, items, 'me');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));

  it('previews the new class and the flag the class lacks without writing anything', () => {
    expect(parsed.preview.mapped.newClasses).toEqual(['truck']);
    expect(parsed.preview.mapped.newAttributes.map((a) => `${a.className}.${a.name}:${a.type}`)).toEqual(['car.difficult:checkbox', 'truck.difficult:checkbox']);
    expect(parsed.preview.mapped.shapes).toHaveLength(1);
    expect(parsed.preview.warnings.counts).toEqual({ attribute: 1 });
    // What Import writes once they are added: both boxes, nothing left out.
    expect(parsed.preview.asIfAdded?.mapped.shapes).toHaveLength(2);
    expect(parsed.preview.asIfAdded?.warnings.counts).toEqual({});
  });

  it('adds the class and the attribute, maps again and writes both boxes with difficult set', async () => {
    const { writer, written } = fakeWriter();
    const done = await commitImport(writer, project, [voc], parsed.preview, { addToSchema: true, replace: true }, 'me');
    expect(done).toMatchObject({ ok: true, count: 2 });
    expect(written.schema!.classes.map((c) => [c.name, c.attributes.map((a) => a.name)])).toEqual([
      ['car', ['difficult']],
      ['truck', ['difficult']],
    ]);
    const difficultOf = (s: Shape) => s.attributes[written.schema!.classes.find((c) => c.id === s.classId)!.attributes[0]!.id];
    expect(written.shapes.map(difficultOf)).toEqual([true, true]);
    expect(written.replace).toBe(true);
    expect(done.ok && done.preview.warnings.counts).toEqual({});
  });

  it('puts the schema back when the shapes cannot be written, so no class is added for boxes that are not there', async () => {
    const { writer, written } = fakeWriter();
    const failing: ImportWriter = { ...writer, importShapes: () => Promise.reject(new Error('QuotaExceededError')) };
    await expect(commitImport(failing, project, [voc], parsed.preview, { addToSchema: true, replace: false }, 'me')).rejects.toThrow('QuotaExceededError');
    expect(written.schema).toEqual(project.labelSchema);
    expect(written.shapes).toHaveLength(0);
  });

  it('without the additions writes only the known class, schema untouched', async () => {
    const { writer, written } = fakeWriter();
    const done = await commitImport(writer, project, [voc], parsed.preview, { addToSchema: false, replace: false }, 'me');
    expect(done).toMatchObject({ ok: true, count: 1 });
    expect(written.schema).toBeNull();
    expect(written.shapes[0]!.attributes).toEqual({});
  });

  it('keeps every failure as data: video files, unknown formats, an exception inside an importer', () => {
    const video = parseImport([{ path: 'gt/gt.txt', content: '1,1,10,20,30,40,1,1,1\n' }], 'auto', project, items, 'me');
    expect(video).toMatchObject({ ok: false, failure: { kind: 'format', file: 'gt/gt.txt' } });
    expect(!video.ok && video.failure.kind === 'format' && video.failure.problems[0]!.reason).toMatch(/MOT.*Video labels/);
    expect(parseImport([{ path: 'notes.md', content: '# hi' }], 'auto', project, items, 'me')).toMatchObject({ ok: false, failure: { kind: 'undetected', files: ['notes.md'] } });
    expect(parseImport([{ path: 'a.json', content: null as unknown as string }], 'coco', project, items, 'me')).toMatchObject({ ok: false, failure: { kind: 'unreadable' } });
  });
});
