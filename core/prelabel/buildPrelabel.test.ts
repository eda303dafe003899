import { describe, expect, it } from 'vitest';
import { modelClassKey } from './autoAccept/thresholds';
import { buildPrelabel } from './buildPrelabel';
import { humanShape, item, ocrSchema, prediction, review, run } from './testKit';

describe('buildPrelabel', () => {
  it('makes one pending pre-label shape per prediction whose class the project has, mapped by name', () => {
    const { run: record, change } = run([prediction('text', 10, 0.8, { attributes: { text: 'INVOICE', quad: '[[1,2]]' } }), prediction('Logo', 100, 0.6), prediction('car', 200)]);
    expect(change.put).toHaveLength(2);
    const [text, logo] = change.put;
    expect(text!.classId).toBe('cls_text');
    expect(text!.attributes).toEqual({ att_t: 'INVOICE', att_q: '[[1,2]]' });
    expect(text!.source).toEqual({ kind: 'model', modelId: 'ppocr', score: 0.8 });
    expect(text!.prelabel).toMatchObject({ runId: 'run_1', modelId: 'ppocr', score: 0.8, review: 'pending', predictedClassId: 'cls_text', predictedBox: text!.box });
    expect(logo!.classId).toBe('cls_logo'); // case-insensitive fallback
    expect(record.predictions.map((p) => p.classId)).toEqual(['cls_text', 'cls_logo', null]);
    expect(record.predictions.map((p) => p.predictionId)).toEqual(change.put.map((s) => s.prelabel!.predictionId).concat(record.predictions[2]!.predictionId));
  });

  it('clamps boxes into the image', () => {
    const { change } = run([{ className: 'text', box: { x: -10, y: 470, w: 100, h: 40 }, score: 0.9 }]);
    expect(change.put[0]!.box).toEqual({ x: 0, y: 470, w: 90, h: 10 });
  });

  it('a re-run replaces only that model’s still-pending pre-labels and records which; reviewed, human and other models’ boxes stay', () => {
    const first = run([prediction('text', 10), prediction('text', 100)]).change.put;
    const accepted = review(first[0]!, 'accepted');
    const human = humanShape('h1');
    const otherModel = run([prediction('logo', 400)], { runId: 'run_yolo', modelId: 'yolo' }).change.put[0]!;
    const second = run([prediction('text', 200)], { runId: 'run_2', existing: [accepted, first[1]!, human, otherModel] });
    expect(second.change.remove).toEqual([first[1]!.id]);
    expect(second.run.replaced).toEqual([first[1]!.prelabel!.predictionId]);
    expect(second.change.put).toHaveLength(1);
    expect(second.change.put[0]!.prelabel!.runId).toBe('run_2');
  });

  it('does not propose again a prediction that repeats a staying box of the same class at IoU ≥ the NMS threshold', () => {
    const accepted = review(run([prediction('text', 100)]).change.put[0]!, 'accepted'); // box x 100..150
    const second = run(
      [
        prediction('text', 100), // IoU 1 with the accepted box: not proposed
        prediction('text', 110), // IoU 40/60 ≈ 0.67 ≥ 0.45: not proposed
        prediction('text', 125), // IoU 25/75 ≈ 0.33 < 0.45: proposed
        prediction('logo', 100), // another class: proposed
      ],
      { runId: 'run_2', existing: [accepted] },
    );
    expect(second.change.put.map((s) => [s.classId, s.box.x])).toEqual([['cls_text', 125], ['cls_logo', 100]]);
    expect(second.run.predictions.map((p) => p.box.x)).toEqual([125, 100]); // not proposed: not on record either
    expect(second.change.remove).toEqual([]);
    // The model's own replaced pending boxes do not block it: it proposes them afresh.
    const pending = run([prediction('text', 100)]).change.put[0]!;
    expect(run([prediction('text', 100)], { runId: 'run_3', existing: [pending] }).change.put).toHaveLength(1);
  });

  it('keeps the model’s class names on the record when given', () => {
    const plan = buildPrelabel({ runId: 'r', modelId: 'm', thresholds: { confidence: 0.5, iou: 0.5 }, item, schema: ocrSchema, outcome: { ok: true, predictions: [] }, existing: [], author: 'a', now: 5, modelClasses: ['text'] });
    expect(plan.run.modelClasses).toEqual(['text']);
    expect(run([]).run.modelClasses).toBeUndefined();
  });

  it('records a failed item with its reason and changes no shape', () => {
    const plan = buildPrelabel({ runId: 'r', modelId: 'm', thresholds: { confidence: 0.5, iou: 0.5 }, item, schema: ocrSchema, outcome: { ok: false, error: 'truncated JPEG' }, existing: [], author: 'a', now: 5 });
    expect(plan.run).toMatchObject({ error: 'truncated JPEG', predictions: [], uncertainty: 0 });
    expect(plan.change).toEqual({ put: [], remove: [] });
  });
});

describe('buildPrelabel with auto-accept', () => {
  const thresholds = new Map([[modelClassKey('ppocr', 'cls_text'), { threshold: 0.9, lowerBound: 0.93, reviewed: 80 }]]);
  const draws = (...values: number[]) => () => values.shift() ?? 0.99;

  it('accepts at or above the model × class threshold, audits with chance auditRate, leaves the rest pending', () => {
    const { run: record, change } = run([prediction('text', 10, 0.95), prediction('text', 100, 0.9), prediction('text', 200, 0.5), prediction('logo', 300, 0.99)], {
      autoAccept: { thresholds, auditRate: 0.1, random: draws(0.5, 0.05) },
    });
    expect(change.put.map((s) => [s.prelabel!.review, s.prelabel!.decision, s.prelabel!.auditRate])).toEqual([
      ['accepted', 'auto', undefined],
      ['pending', 'audit', 0.1],
      ['pending', undefined, undefined],
      ['pending', undefined, undefined], // no threshold for logo
    ]);
    expect(record.predictions.map((p) => [p.decision, p.auditRate])).toEqual([['auto', undefined], ['audit', 0.1], [undefined, undefined], [undefined, undefined]]);
  });

  it('counts only predictions a human must look at in the item’s uncertainty', () => {
    const allAuto = run([prediction('text', 10, 0.92), prediction('text', 100, 0.95)], { autoAccept: { thresholds, auditRate: 0.1, random: () => 0.5 } });
    expect(allAuto.run.uncertainty).toBe(0);
    const without = run([prediction('text', 10, 0.92), prediction('text', 100, 0.95)]);
    expect(without.run.uncertainty).toBeGreaterThan(0);
    // An audit item ranks by its scores like any pending one.
    const audited = run([prediction('text', 10, 0.92)], { autoAccept: { thresholds, auditRate: 0.1, random: () => 0 } });
    expect(audited.run.uncertainty).toBeCloseTo(run([prediction('text', 10, 0.92)]).run.uncertainty, 12);
  });

  it('a re-run keeps auto-accepted pre-labels (they are accepted) and replaces a still-pending audit one', () => {
    const first = run([prediction('text', 10, 0.95), prediction('text', 200, 0.95)], { autoAccept: { thresholds, auditRate: 0.5, random: draws(0.9, 0.1) } });
    const [auto, audit] = first.change.put;
    const second = run([prediction('text', 400, 0.6)], { runId: 'run_2', existing: [auto!, audit!] });
    expect(second.change.remove).toEqual([audit!.id]);
    expect(second.run.replaced).toEqual([audit!.prelabel!.predictionId]);
  });
});
