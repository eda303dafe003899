import { describe, expect, it } from 'vitest';
import type { Item } from '../model/item';
import { correctionLines, toJsonl } from './corrections';
import { humanShape, item, ocrSchema, prediction, review, run } from './testKit';

describe('correctionLines', () => {
  it('pairs each prediction with its final label by predictionId, null when rejected, and lists human boxes', () => {
    const { run: record, change } = run([prediction('text', 10, 0.9, { attributes: { text: 'HELO' } }), prediction('text', 100), prediction('text', 200)]);
    const corrected = review(change.put[0]!, 'corrected', { attributes: { att_t: 'HELLO', att_q: '' } });
    const accepted = review(change.put[1]!, 'accepted');
    const fullItem: Item = { ...item, kind: 'image', relPath: 'scans/a.png', sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'done', order: 0 };
    const lines = correctionLines({ schema: ocrSchema, items: [fullItem], runs: [record], shapesByItem: new Map([[item.id, [corrected, accepted, humanShape('h1')]]]) });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ item: 'scans/a.png', modelId: 'ppocr', runId: 'run_1' });
    expect(line.predictions.map((p) => p.fate)).toEqual(['corrected', 'accepted', 'rejected']);
    expect(line.predictions[0]!.attributes).toEqual({ text: 'HELO' });
    expect(line.predictions[0]!.final).toEqual({ className: 'text', box: corrected.box, attributes: { text: 'HELLO', quad: '' } });
    expect(line.predictions[2]!.final).toBeNull();
    expect(line.humanAdded).toEqual([{ className: 'logo', box: { x: 300, y: 300, w: 30, h: 30 }, attributes: {} }]);
    const jsonl = toJsonl(lines);
    expect(jsonl.endsWith('\n')).toBe(true);
    expect(JSON.parse(jsonl.trim())).toEqual(JSON.parse(JSON.stringify(line)));
  });

  it('leaves out items without a run', () => {
    const other: Item = { id: 'x', projectId: 'prj_1', kind: 'image', relPath: 'b.png', width: 10, height: 10, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 1 };
    expect(correctionLines({ schema: ocrSchema, items: [other], runs: [], shapesByItem: new Map() })).toEqual([]);
    expect(toJsonl([])).toBe('');
  });
});
