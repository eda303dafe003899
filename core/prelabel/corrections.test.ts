import { describe, expect, it } from 'vitest';
import type { Item } from '../model/item';
import type { Shape } from '../model/shape';
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
    expect(line).toMatchObject({ item: 'scans/a.png', runs: [{ runId: 'run_1', modelId: 'ppocr', thresholds: { confidence: 0.5, iou: 0.45 } }] });
    expect(line.predictions.every((p) => p.runId === 'run_1' && p.modelId === 'ppocr')).toBe(true);
    expect(line.predictions.map((p) => p.fate)).toEqual(['corrected', 'accepted', 'rejected']);
    expect(line.predictions[0]!.attributes).toEqual({ text: 'HELO' });
    expect(line.predictions[0]!.final).toEqual({ className: 'text', box: corrected.box, attributes: { text: 'HELLO', quad: '' } });
    expect(line.predictions[2]!.final).toBeNull();
    expect(line.humanAdded).toEqual([{ className: 'logo', box: { x: 300, y: 300, w: 30, h: 30 }, attributes: {} }]);
    const jsonl = toJsonl(lines);
    expect(jsonl.endsWith('\n')).toBe(true);
    expect(JSON.parse(jsonl.trim())).toEqual(JSON.parse(JSON.stringify(line)));
  });

  it('uses the statistics’ fates: a deleted pending pre-label is rejected at once; a re-run adds its predictions, replaced ones are left out', () => {
    const fullItem: Item = { ...item, kind: 'image', relPath: 'a.png', sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'in_progress', order: 0 };
    const first = run([prediction('text', 10), prediction('text', 100), prediction('text', 200), prediction('car', 300)], { now: 1 });
    const [accepted, pending] = first.change.put; // the third is deleted
    const kept = [review(accepted!, 'accepted'), pending!];
    const lineOf = (runs: Parameters<typeof correctionLines>[0]['runs'], shapes: readonly Shape[]) =>
      correctionLines({ schema: ocrSchema, items: [fullItem], runs, shapesByItem: new Map([[item.id, shapes]]) })[0]!;
    expect(lineOf([first.run], kept).predictions.map((p) => p.fate)).toEqual(['accepted', 'pending', 'rejected', 'unmapped']);

    const second = run([prediction('text', 400)], { runId: 'run_2', now: 2, existing: kept });
    const after = [kept[0]!, ...second.change.put];
    const line = lineOf([first.run, second.run], after);
    expect(line.runs.map((r) => r.runId)).toEqual(['run_1', 'run_2']);
    expect(line.predictions.map((p) => [p.runId, p.fate])).toEqual([['run_1', 'accepted'], ['run_1', 'rejected'], ['run_1', 'unmapped'], ['run_2', 'pending']]);
  });

  it('leaves out items without a run', () => {
    const other: Item = { id: 'x', projectId: 'prj_1', kind: 'image', relPath: 'b.png', width: 10, height: 10, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 1 };
    expect(correctionLines({ schema: ocrSchema, items: [other], runs: [], shapesByItem: new Map() })).toEqual([]);
    expect(toJsonl([])).toBe('');
  });
});
