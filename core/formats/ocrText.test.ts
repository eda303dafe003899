import { describe, expect, it } from 'vitest';
import { formats, type FormatId } from './index';
import { contextOf, expectFormatError, ocrDataset } from './testKit';
import type { FormatFile } from './types';

/** OCR boxes' recognised text (the `text` attribute) in each format that carries it. */
const exported = (id: FormatId) => formats[id].exportDataset(ocrDataset());
const json = (files: FormatFile[]) => JSON.parse(files[0]!.content) as Record<string, unknown>;

describe('OCR text in exports', () => {
  it('COCO: in the annotation’s attributes', () => {
    const coco = json(exported('coco')) as { annotations: { attributes?: Record<string, unknown> }[] };
    expect(coco.annotations.map((a) => a.attributes?.text)).toEqual(['EXIT', 'Push → 押す "now" <b>&amp;', 'OPEN\n9–17', '', undefined]);
  });

  it('CVAT: an <attribute name="text"> of the box, declared as text on its label', () => {
    const xml = exported('cvat')[0]!.content;
    expect(xml).toContain('<attribute name="text">EXIT</attribute>');
    expect(xml).toContain('<attribute name="text">Push → 押す "now" &lt;b&gt;&amp;amp;</attribute>');
    expect(xml).toMatch(/<name>text<\/name>\s*<mutable>False<\/mutable>\s*<input_type>text<\/input_type>/);
  });

  it('Label Studio: a textarea result beside the rectangle, with its id, geometry and the text (the OCR template’s layout)', () => {
    const [task] = JSON.parse(exported('labelstudio')[0]!.content) as { annotations: { result: Record<string, unknown>[] }[] }[];
    const results = task!.annotations[0]!.result;
    // Four text boxes and a logo; the empty text has no transcription.
    expect(results.map((r) => `${r.id as string} ${r.type as string}`)).toEqual(['1_1 rectanglelabels', '1_1 textarea', '1_2 rectanglelabels', '1_2 textarea', '1_3 rectanglelabels', '1_3 textarea', '1_4 rectanglelabels', '1_5 rectanglelabels']);
    const [rectangle, textarea] = results;
    expect(textarea).toEqual({
      id: '1_1',
      type: 'textarea',
      from_name: 'transcription',
      to_name: 'image',
      original_width: 800,
      original_height: 600,
      image_rotation: 0,
      value: { x: 12.5, y: 8.333333, width: 25, height: 6.666667, rotation: 0, text: ['EXIT'] },
    });
    const { rectanglelabels, ...geometry } = (rectangle as { value: Record<string, unknown> }).value;
    expect(rectanglelabels).toEqual(['text']);
    expect((textarea as { value: Record<string, unknown> }).value).toEqual({ ...geometry, text: ['EXIT'] });
  });
});

describe('OCR text from Label Studio', () => {
  const context = { images: [{ fileName: 'scan.png', width: 200, height: 100 }] };
  const region = (id: string, type: string, value: object) => ({ id, type, from_name: type === 'textarea' ? 'transcription' : 'label', to_name: 'image', original_width: 200, original_height: 100, value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, ...value } });
  const file = (result: unknown[]): FormatFile[] => [{ path: 'tasks.json', content: JSON.stringify([{ data: { image: '/data/upload/1/0badcafe-scan.png' }, annotations: [{ result }] }]) }];

  it('joins a textarea result to the rectangle of the same id, in any order; lines become one text', () => {
    const ds = formats.labelstudio.importDataset(
      file([region('Xy3', 'textarea', { text: ['TOTAL', '12.50'] }), region('Xy3', 'rectanglelabels', { rectanglelabels: ['text'] }), region('q1', 'rectanglelabels', { rectanglelabels: ['text'] }), region('orphan', 'textarea', { text: ['lost'] })]),
      context,
    ).dataset;
    expect(ds.images[0]!.boxes).toEqual([
      { className: 'text', box: { x: 20, y: 20, w: 60, h: 40 }, attributes: { text: 'TOTAL\n12.50' } },
      { className: 'text', box: { x: 20, y: 20, w: 60, h: 40 } },
    ]);
  });

  it('reports a textarea result whose text is not a list of strings', () => {
    expectFormatError(() => formats.labelstudio.importDataset(file([region('a', 'textarea', { text: 'TOTAL' })]), context), 'tasks.json', '[0].annotations[0].result[0].value.text', /expected array/i);
  });
});

describe('COCO → CVAT → Label Studio → COCO', () => {
  it('keeps every non-empty recognised text', () => {
    const original = ocrDataset();
    let dataset = original;
    for (const id of ['coco', 'cvat', 'labelstudio', 'coco'] as const) dataset = formats[id].importDataset(formats[id].exportDataset(dataset), contextOf(original)).dataset;
    expect(dataset.images[0]!.boxes.map((b) => b.attributes?.text)).toEqual(['EXIT', 'Push → 押す "now" <b>&amp;', 'OPEN\n9–17', undefined, undefined]);
  });
});
