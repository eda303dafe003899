import { describe, expect, it } from 'vitest';
import type { Shape } from '../model/shape';
import { computePrelabelStats } from './statistics';
import { humanShape, item, prediction, review, run } from './testKit';

describe('computePrelabelStats', () => {
  const three = () => run([prediction('text', 10), prediction('text', 100), prediction('text', 200), prediction('car', 300)]);

  it('counts accepted, corrected and rejected once nothing is pending, and human boxes as missed', () => {
    const { run: record, change } = three();
    const [a, b] = change.put;
    const shapes: Shape[] = [review(a!, 'accepted'), review(b!, 'corrected', { box: { x: 1, y: 1, w: 5, h: 5 } }), humanShape('h1')];
    const stats = computePrelabelStats({ runs: [record], items: [{ id: item.id, status: 'in_progress' }], shapesByItem: new Map([[item.id, shapes]]) });
    expect(stats.project).toEqual({ accepted: 1, corrected: 1, rejected: 1, missed: 1, pending: 0, items: 1, verificationRate: 1 / 3 });
    expect(stats.byModel.get('ppocr')).toEqual(stats.project);
  });

  it('does not count a deletion as rejected while pre-labels of the run are still pending, unless the item is done', () => {
    const { run: record, change } = three();
    const shapes = [review(change.put[0]!, 'accepted'), change.put[1]!]; // third deleted, second still pending
    const input = (status: 'in_progress' | 'done') => ({ runs: [record], items: [{ id: item.id, status }], shapesByItem: new Map([[item.id, shapes]]) });
    expect(computePrelabelStats(input('in_progress')).project).toMatchObject({ accepted: 1, rejected: 0, pending: 1 });
    expect(computePrelabelStats(input('done')).project).toMatchObject({ accepted: 1, rejected: 1, pending: 1, verificationRate: 0.5 });
  });

  it('uses each item’s latest successful run, per model', () => {
    const old = run([prediction('text', 10)], { runId: 'run_old', now: 1, modelId: 'yolo' });
    const latest = run([prediction('text', 10)], { runId: 'run_new', now: 2, existing: old.change.put });
    const failed = { ...latest.run, runId: 'run_fail', createdAt: 3, predictions: [], error: 'decode failed' };
    const other = run([prediction('text', 10)], { runId: 'run_b', itemId: 'itm_2' });
    const shapesByItem = new Map([
      [item.id, [review(latest.change.put[0]!, 'accepted')]],
      ['itm_2', [humanShape('h', 'itm_2'), ...other.change.put]],
    ]);
    const stats = computePrelabelStats({ runs: [old.run, latest.run, failed, other.run], items: [{ id: item.id, status: 'new' }, { id: 'itm_2', status: 'new' }, { id: 'itm_3', status: 'new' }], shapesByItem });
    expect(stats.project).toMatchObject({ accepted: 1, pending: 1, missed: 1, items: 2, verificationRate: 1 });
    expect([...stats.byModel.keys()]).toEqual(['ppocr']);
  });

  it('has no verification rate before any review', () => {
    const { run: record, change } = three();
    const stats = computePrelabelStats({ runs: [record], items: [{ id: item.id, status: 'new' }], shapesByItem: new Map([[item.id, change.put]]) });
    expect(stats.project).toMatchObject({ accepted: 0, corrected: 0, rejected: 0, pending: 3, verificationRate: null });
  });
});
