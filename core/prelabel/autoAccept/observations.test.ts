import { describe, expect, it } from 'vitest';
import { correctionLines } from '../corrections';
import { item, ocrSchema, prediction, review, run } from '../testKit';
import { reviewObservations } from './observations';
import { modelClassKey } from './thresholds';

describe('reviewObservations', () => {
  const thresholds = new Map([[modelClassKey('ppocr', 'cls_text'), { threshold: 0.9, lowerBound: 0.93, reviewed: 80 }]]);

  it('one per prediction a human decided: weight 1, audits 1/auditRate; auto-accepted and pending ones are none', () => {
    const draws = [0.5, 0.01, 0.5, 0.01, 0.5];
    const { run: record, change } = run(
      [0.95, 0.96, 0.97, 0.98, 0.99, 0.4, 0.5, 0.6, 0.7].map((s, i) => prediction(i === 8 ? 'car' : 'text', i * 60, s)),
      { autoAccept: { thresholds, auditRate: 0.2, random: () => draws.shift()! } },
    );
    const [autoKept, auditOk, autoEdited, , autoDeleted, plainOk, plainFixed, plainPending] = change.put;
    expect([autoKept, autoEdited, autoDeleted].map((s) => s!.prelabel!.decision)).toEqual(['auto', 'auto', 'auto']);
    // The second audit (0.98) is deleted by the reviewer, and so is autoDeleted; 'car' is unmapped.
    const shapes = [
      autoKept!,
      review(auditOk!, 'accepted'),
      review(autoEdited!, 'corrected', { box: { x: 0, y: 0, w: 5, h: 5 } }),
      review(plainOk!, 'accepted'),
      review(plainFixed!, 'corrected'),
      plainPending!,
    ];
    const observations = reviewObservations({ runs: [record], shapesByItem: new Map([[item.id, shapes]]) });
    expect(observations.map((o) => [o.score, o.correct, o.weight])).toEqual([
      [0.96, true, 5],
      [0.98, false, 5], // deleted audit: its decision and rate come from the run record
      [0.4, true, 1],
      [0.5, false, 1],
    ]); // 0.6 is still pending
    expect(observations.every((o) => o.modelId === 'ppocr' && o.classId === 'cls_text')).toBe(true);
    // Only the items asked for.
    expect(reviewObservations({ runs: [record], shapesByItem: new Map([[item.id, shapes]]), items: [{ id: 'other' }] })).toEqual([]);
  });

  it('the corrections export names fate auto and the decision', () => {
    const { run: record, change } = run([prediction('text', 10, 0.95), prediction('text', 100, 0.95)], { autoAccept: { thresholds, auditRate: 0.5, random: (() => { const d = [0.9, 0.1]; return () => d.shift()!; })() } });
    const fullItem = { ...item, kind: 'image' as const, relPath: 'a.png', sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new' as const, order: 0 };
    const [line] = correctionLines({ schema: ocrSchema, items: [fullItem], runs: [record], shapesByItem: new Map([[item.id, change.put]]) });
    expect(line!.predictions.map((p) => [p.fate, p.decision])).toEqual([['auto', 'auto'], ['pending', 'audit']]);
  });
});
