import { describe, expect, it } from 'vitest';
import type { Shape } from '../model/shape';
import { ItemTally, summarizeItem } from './itemTally';
import { addRunToSources, emptyTotals, moveItem, recountTotals, rescope, rescopedModels, scopesOf } from './projectTally';
import { computePrelabelStats, statsOfTotals } from './statistics';
import { humanShape, item, ocrSchema, prediction, review, run } from './testKit';
import type { PrelabelRun } from './types';

/** A small seeded generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One random edit of the kinds the editor makes on pre-labels and boxes. */
function randomEdit(rand: () => number, shapes: Map<string, Shape>, n: number): { before?: Shape; after?: Shape } {
  const list = [...shapes.values()];
  const pick = list[Math.floor(rand() * list.length)];
  const r = rand();
  if (!pick || r < 0.15) {
    const s = { ...humanShape(`h${n}`), classId: rand() < 0.5 ? 'cls_text' : 'cls_logo' };
    return { after: s };
  }
  if (r < 0.35) return { before: pick };
  if (r < 0.45) {
    // A copied pre-label: two shapes hold the same prediction.
    return { after: { ...pick, id: `copy${n}` } };
  }
  if (pick.prelabel) {
    const verdict = rand() < 0.5 ? 'accepted' : 'corrected';
    return { before: pick, after: review(pick, verdict) };
  }
  return { before: pick, after: { ...pick, classId: pick.classId === 'cls_text' ? 'cls_logo' : 'cls_text', version: pick.version + 1 } };
}

describe('ItemTally', () => {
  it('kept from each shape change equals the recount after random edit sequences', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = random(seed);
      const first = run([prediction('text', 10), prediction('logo', 100), prediction('text', 200, 0.95), prediction('car', 300)], { runId: 'run_1', now: 1 });
      const shapes = new Map(first.change.put.map((s) => [s.id, s]));
      const runs: PrelabelRun[] = [first.run];
      const tally = new ItemTally(runs, shapes.values());
      for (let n = 0; n < 60; n++) {
        if (n === 30) {
          // A re-run of another model mid-way: the summary is rebuilt over the shapes held.
          const second = run([prediction('logo', 400), prediction('text', 500)], { runId: 'run_2', now: 2, modelId: 'yolo', existing: [...shapes.values()] });
          for (const id of second.change.remove) {
            tally.shapeChanged(shapes.get(id), undefined);
            shapes.delete(id);
          }
          for (const s of second.change.put) {
            tally.shapeChanged(undefined, s);
            shapes.set(s.id, s);
          }
          runs.push({ ...second.run, modelClasses: ['logo'] });
          tally.setRuns(runs);
        }
        const { before, after } = randomEdit(rand, shapes, n);
        tally.shapeChanged(before, after);
        if (before) shapes.delete(before.id);
        if (after) shapes.set(after.id, after);
        expect(tally.summary(), `seed ${seed} step ${n}`).toEqual(summarizeItem(runs, [...shapes.values()].reverse()));
      }
    }
  });
});

describe('project totals', () => {
  it('moved item by item equal the recount, and give the same statistics', () => {
    const a = run([prediction('text', 10), prediction('logo', 100)], { runId: 'run_a', itemId: 'itm_a' });
    const b = run([prediction('text', 10, 0.9)], { runId: 'run_b', itemId: 'itm_b', modelId: 'yolo' });
    const runs = [a.run, { ...b.run, modelClasses: ['logo'] }];
    const shapesByItem = new Map<string, Shape[]>([
      ['itm_a', [review(a.change.put[0]!, 'accepted'), humanShape('h1', 'itm_a')]],
      ['itm_b', [...b.change.put, humanShape('h2', 'itm_b'), { ...humanShape('h3', 'itm_b'), classId: 'cls_text' }]],
    ]);
    const items = [{ id: 'itm_a' }, { id: 'itm_b' }, { id: 'itm_c' }];
    const recount = recountTotals({ schema: ocrSchema, runs, items, shapesByItem });

    const totals = emptyTotals();
    for (const r of runs) addRunToSources(totals, r);
    totals.scopes = scopesOf(ocrSchema, totals.scopeSources);
    for (const it of items) moveItem(totals, summarizeItem([], []), recount.summaries.get(it.id)!);
    expect(totals).toEqual(recount.totals);
    expect(statsOfTotals(totals)).toEqual(computePrelabelStats({ schema: ocrSchema, runs, items, shapesByItem }));

    // An edit on one item: only that item's contribution moves.
    const edited = [...shapesByItem.get('itm_b')!.slice(1)];
    moveItem(totals, recount.summaries.get('itm_b')!, summarizeItem([runs[1]!], edited));
    expect(totals).toEqual(recountTotals({ schema: ocrSchema, runs, items, shapesByItem: new Map([...shapesByItem, ['itm_b', edited]]) }).totals);
  });

  it('rescoped when the schema maps a model class name to another class', () => {
    const a = run([prediction('text', 10)], { runId: 'run_a' });
    const runs = [{ ...a.run, modelClasses: ['text', 'Emblem'] }];
    const shapesByItem = new Map([[item.id, [...a.change.put, humanShape('h1')]]]);
    const items = [{ id: item.id }];
    const { totals, summaries } = recountTotals({ schema: ocrSchema, runs, items, shapesByItem });
    expect(statsOfTotals(totals).project.missed).toBe(0);
    const renamed = { classes: ocrSchema.classes.map((c) => (c.id === 'cls_logo' ? { ...c, name: 'emblem' } : c)) };
    expect(rescopedModels(totals, renamed)).toEqual(['ppocr']);
    rescope(totals, renamed, summaries.values());
    expect(totals).toEqual(recountTotals({ schema: renamed, runs, items, shapesByItem }).totals);
    expect(statsOfTotals(totals).project.missed).toBe(1);
  });
});
