import { describe, expect, it } from 'vitest';
import type { Shape } from '../model/shape';
import { clopperPearsonLower } from './autoAccept/lowerBound';
import { modelClassKey } from './autoAccept/thresholds';
import { computePrelabelStats, type StatsInput } from './statistics';
import { humanShape, item, ocrSchema, prediction, review, run } from './testKit';

const stats = (runs: StatsInput['runs'], shapesByItem: StatsInput['shapesByItem'], items = [{ id: item.id }]) =>
  computePrelabelStats({ schema: ocrSchema, runs, items, shapesByItem });

describe('computePrelabelStats', () => {
  const three = () => run([prediction('text', 10), prediction('text', 100), prediction('text', 200), prediction('car', 300)]);

  it('puts every mapped prediction in exactly one of accepted, corrected, rejected, pending; unmapped ones nowhere', () => {
    const { run: record, change } = three();
    const [a, b] = change.put;
    const shapes: Shape[] = [review(a!, 'accepted'), review(b!, 'corrected', { box: { x: 1, y: 1, w: 5, h: 5 } })]; // third deleted
    const project = stats([record], new Map([[item.id, shapes]])).project;
    expect(project).toEqual({
      accepted: 1,
      corrected: 1,
      rejected: 1,
      pending: 0,
      autoAccepted: 0,
      needsHumanShare: 1,
      audited: { reviewed: 0, accepted: 0, precision: null, lowerBound: null },
      missed: 0,
      items: 1,
      verificationRate: 1 / 3,
      correctionRate: 1 / 3,
    });
    expect(project.accepted + project.corrected + project.rejected + project.pending).toBe(3); // 'car' is unmapped
  });

  it('counts deleting a pending pre-label as rejected at once, while others are still pending', () => {
    const { run: record, change } = three();
    const shapes = [review(change.put[0]!, 'accepted'), change.put[1]!]; // third deleted, second still pending
    const s = stats([record], new Map([[item.id, shapes]]));
    expect(s.project).toMatchObject({ accepted: 1, rejected: 1, pending: 1, verificationRate: 0.5, correctionRate: 0 });
  });

  it('gives both rates per model and per class, predictions counted for the class the model predicted', () => {
    const { run: record, change } = run([prediction('text', 10), prediction('logo', 100), prediction('logo', 200)]);
    const [text, logo1] = change.put;
    const shapes = [review(text!, 'accepted'), review(logo1!, 'corrected', { classId: 'cls_text' })]; // second logo deleted
    const s = stats([record], new Map([[item.id, shapes]]));
    expect(s.byModel.get('ppocr')).toEqual(s.project);
    expect(s.byClass.get('cls_text')).toMatchObject({ accepted: 1, corrected: 0, rejected: 0, verificationRate: 1, correctionRate: 0, items: 1 });
    expect(s.byClass.get('cls_logo')).toMatchObject({ accepted: 0, corrected: 1, rejected: 1, verificationRate: 0, correctionRate: 0.5, items: 1 });
    expect(s.byModelClass.get('ppocr')?.get('cls_logo')).toEqual(s.byClass.get('cls_logo'));
  });

  it('counts as missed only hand-drawn boxes of classes the model maps to', () => {
    const { run: record, change } = run([prediction('text', 10)]);
    const withNames = { ...record, modelClasses: ['text'] };
    const handText = { ...humanShape('h_text'), classId: 'cls_text' };
    const handLogo = humanShape('h_logo'); // a logo: the text model cannot predict it
    const s = stats([withNames], new Map([[item.id, [...change.put, handText, handLogo]]]));
    expect(s.project).toMatchObject({ missed: 1, pending: 1 });
    expect(s.byClass.get('cls_text')).toMatchObject({ missed: 1 });
    expect(s.byClass.has('cls_logo')).toBe(false);
    // The model's names map by name like predictions do; a class it never predicted still counts once named.
    const logoModel = { ...withNames, modelClasses: ['text', 'LOGO'] };
    expect(stats([logoModel], new Map([[item.id, [...change.put, handText, handLogo]]])).project.missed).toBe(2);
    // Without the names on record, the classes the model did predict stand for them.
    expect(stats([record], new Map([[item.id, [...change.put, handText, handLogo]]])).project.missed).toBe(1);
  });

  it('counts every successful run per model; a failed one counts nowhere', () => {
    const yolo = run([prediction('logo', 300)], { runId: 'run_yolo', now: 1, modelId: 'yolo' });
    const ocr = run([prediction('text', 10)], { runId: 'run_ocr', now: 2, existing: yolo.change.put });
    const failed = { ...ocr.run, runId: 'run_fail', createdAt: 3, predictions: [], error: 'decode failed' };
    const other = run([prediction('text', 10)], { runId: 'run_b', itemId: 'itm_2' });
    const shapesByItem = new Map([
      [item.id, [review(ocr.change.put[0]!, 'accepted'), ...yolo.change.put]],
      ['itm_2', [{ ...humanShape('h', 'itm_2'), classId: 'cls_text' }, ...other.change.put]],
    ]);
    const s = stats([yolo.run, ocr.run, failed, other.run], shapesByItem, [{ id: item.id }, { id: 'itm_2' }, { id: 'itm_3' }]);
    expect(s.project).toMatchObject({ accepted: 1, pending: 2, missed: 1, items: 2, verificationRate: 1 });
    expect(s.byModel.get('yolo')).toMatchObject({ pending: 1, items: 1 });
    expect(s.byModel.get('ppocr')).toMatchObject({ accepted: 1, pending: 1, missed: 1, items: 2 });
  });

  it('a re-run keeps the earlier runs’ verdicts and adds its own predictions; replaced pending ones count nowhere', () => {
    const first = run([prediction('text', 10), prediction('text', 100), prediction('text', 200)], { runId: 'run_1', now: 1 });
    const [accepted, stillPending] = first.change.put;
    const before = [review(accepted!, 'accepted'), stillPending!]; // third deleted: rejected
    const second = run([prediction('text', 10), prediction('text', 100), prediction('text', 400)], { runId: 'run_2', now: 2, existing: before });
    const after = [...before.filter((s) => !second.change.remove.includes(s.id)), ...second.change.put];
    const s = stats([first.run, second.run], new Map([[item.id, after]]));
    // run_1: accepted 1, rejected 1 (deleted before the re-run), its pending one replaced.
    // run_2: x=10 repeats the accepted box (not proposed), x=100 and x=400 pending.
    expect(s.project).toMatchObject({ accepted: 1, rejected: 1, corrected: 0, pending: 2, items: 1, verificationRate: 0.5 });
  });

  it('reads records written before re-runs kept work: shape-less predictions of runs before such a record were replaced', () => {
    const first = run([prediction('text', 10), prediction('text', 100)], { runId: 'run_1', now: 1 });
    const legacy = run([prediction('text', 300)], { runId: 'run_2', now: 2, existing: [review(first.change.put[0]!, 'accepted'), first.change.put[1]!] });
    const { replaced: _dropped, ...legacyRecord } = legacy.run;
    void _dropped;
    const shapes = [review(first.change.put[0]!, 'accepted'), ...legacy.change.put];
    expect(stats([first.run, legacyRecord], new Map([[item.id, shapes]])).project).toMatchObject({ accepted: 1, rejected: 0, pending: 1 });
  });

  it('has no rates before any review', () => {
    const { run: record, change } = three();
    expect(stats([record], new Map([[item.id, change.put]])).project).toMatchObject({ accepted: 0, corrected: 0, rejected: 0, pending: 3, verificationRate: null, correctionRate: null });
  });
});

describe('computePrelabelStats with auto-accept', () => {
  const thresholds = new Map([[modelClassKey('ppocr', 'cls_text'), { threshold: 0.9, lowerBound: 0.93, reviewed: 80 }]]);
  // Scores 0.95 ×4 (draws: auto, audit, auto, audit) and 0.5 ×2 (ordinary).
  const made = () => {
    const draws = [0.5, 0.05, 0.5, 0.05];
    return run([0.95, 0.95, 0.95, 0.95, 0.5, 0.5].map((s, i) => prediction('text', i * 90, s)), {
      autoAccept: { thresholds, auditRate: 0.1, random: () => draws.shift()! },
    });
  };

  it('counts untouched auto-accepted predictions as autoAccepted, in no human rate, and the share that needed a human', () => {
    const { run: record, change } = made();
    const [auto1, audit1, auto2, audit2, plain1] = change.put; // the second ordinary one is deleted
    // A human accepts one audit and corrects the other, accepts one ordinary and deletes the other; edits auto2 (the editor marks it corrected).
    const shapes = [auto1!, review(audit1!, 'accepted'), review(auto2!, 'corrected', { box: { x: 1, y: 1, w: 9, h: 9 } }), review(audit2!, 'corrected'), review(plain1!, 'accepted')];
    const s = computePrelabelStats({ schema: ocrSchema, runs: [record], items: [{ id: item.id }], shapesByItem: new Map([[item.id, shapes]]), confidence: 0.9 });
    expect(s.project).toMatchObject({ accepted: 2, corrected: 2, rejected: 1, pending: 0, autoAccepted: 1, verificationRate: 2 / 5, correctionRate: 2 / 5 });
    expect(s.project.needsHumanShare).toBeCloseTo(5 / 6, 12);
    expect(s.project.audited).toEqual({ reviewed: 2, accepted: 1, precision: 0.5, lowerBound: clopperPearsonLower(1, 2, 0.9) });
    expect(s.byModelClass.get('ppocr')?.get('cls_text')).toEqual(s.project);
  });

  it('a pending audit is pending; the audited row waits for a human', () => {
    const { run: record, change } = made();
    const s = stats([record], new Map([[item.id, change.put]]));
    expect(s.project).toMatchObject({ pending: 4, autoAccepted: 2, needsHumanShare: 4 / 6, audited: { reviewed: 0, precision: null, lowerBound: null } });
    expect(stats([record], new Map()).project.needsHumanShare).toBe(1); // all deleted: rejected by a human
    expect(stats([], new Map()).project.needsHumanShare).toBeNull();
  });
});
