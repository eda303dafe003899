import { describe, expect, it } from 'vitest';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import { ReviewSession } from './reviewSession';
import { ReviewError } from './reviewTypes';

const A = '0xaaaa000000000000000000000000000000000001';
const B = '0xbbbb000000000000000000000000000000000002';
const C = '0xcccc000000000000000000000000000000000003';

const box = (x: number, y: number, w = 100, h = 100) => ({ x, y, w, h });
const shape = (className: string, b: ReturnType<typeof box>, attributes?: CanonicalShape['attributes']): CanonicalShape => ({ className, box: b, ...(attributes ? { attributes } : {}) });

/**
 * Hand-built item, consensus formed by core/consensus (the hub sent no clusters):
 * - a car A and B agree on, C calls it a truck (quorum: car, merged);
 * - a person only B and C drew, with boxes 10 px apart and different classes (no quorum);
 * - a dog only C drew (an extra object, no quorum).
 */
function dispute(): Dispute {
  return {
    itemId: 'item-9',
    taskId: 'task-1',
    sha256: 'a'.repeat(64),
    fileName: 'street.jpg',
    width: 1000,
    height: 800,
    // Submitted out of order: the session orders annotators like consensus does.
    submissions: [
      { annotator: C, shapes: [shape('truck', box(12, 10)), shape('person', box(410, 400)), shape('dog', box(700, 600, 50, 50))] },
      { annotator: A, shapes: [shape('car', box(10, 10), { parked: true })] },
      { annotator: B, shapes: [shape('car', box(14, 12)), shape('cyclist', box(400, 400))] },
    ],
    proposal: { labels: [], clusters: [] },
  };
}

function objectOf(session: ReviewSession, annotator: string, className: string): number {
  const index = session.objects.findIndex((o) => o.members.some((m) => m.annotator === annotator && m.shape.className === className));
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

describe('ReviewSession', () => {
  it('orders annotators like consensus and starts from the proposal: quorum objects merged, the rest open', () => {
    const s = new ReviewSession(dispute());
    expect(s.annotators).toEqual([A, B, C]);
    expect(s.objectCount).toBe(3);
    const car = objectOf(s, A, 'car');
    expect(s.objects[car]!.accepted).toBe(true);
    expect(s.decision(car).choice).toEqual({ kind: 'merged' });
    expect(s.finalShape(car)!.className).toBe('car');
    const person = objectOf(s, B, 'cyclist');
    const dog = objectOf(s, C, 'dog');
    expect(s.unresolved().sort()).toEqual([person, dog].sort());
    expect(() => s.verdict()).toThrow(ReviewError);
    expect(() => s.verdict()).toThrow(/still open/);
  });

  it('resolves each object by taking a shape, dropping, fixing the class, and derives the reasons', () => {
    const s = new ReviewSession(dispute());
    const car = objectOf(s, A, 'car');
    const person = objectOf(s, B, 'cyclist');
    const dog = objectOf(s, C, 'dog');
    s.takeAnnotator(car, 0); // A's car, with its attribute
    s.takeAnnotator(person, C); // C's box…
    s.setClass(person, 'person'); // …is a person: C's class was right, still an explicit class fix to check
    s.drop(dog);
    const { shapes, reasons } = s.verdict();
    expect(shapes).toEqual(expect.arrayContaining([shape('car', box(10, 10), { parked: true }), shape('person', box(410, 400))]));
    expect(shapes).toHaveLength(2);
    // C's shape already said person: a fix to the same class is no wrong class.
    expect(reasons).toEqual(
      expect.arrayContaining([
        { index: car, reason: 'ok' },
        { index: person, reason: 'ok' },
        { index: dog, reason: 'extra_object' },
      ]),
    );
    s.takeAnnotator(person, B);
    s.setClass(person, 'person');
    expect(s.reason(person)).toBe('wrong_class');
    expect(s.finalShape(person)).toEqual(shape('person', box(400, 400)));
  });

  it('refuses a shape the annotator never drew, and an unknown object', () => {
    const s = new ReviewSession(dispute());
    const dog = objectOf(s, C, 'dog');
    expect(() => s.takeAnnotator(dog, A)).toThrow(/annotator A drew nothing for object/);
    expect(() => s.takeAnnotator(dog, 7)).toThrow(/no annotator H/);
    expect(() => s.takeMerged(9)).toThrow(/object 10/);
    expect(s.decision(dog).choice).toEqual({ kind: 'undecided' });
  });

  it('redraws keep the class, added objects count as missed, and the reviewer may override a reason', () => {
    const s = new ReviewSession(dispute());
    const car = objectOf(s, A, 'car');
    s.redraw(car, box(11, 11, 98, 99));
    // The merged car is A's (nearest the mean corners; a tie goes to the earlier annotator), attributes included.
    expect(s.finalShape(car)).toEqual(shape('car', box(11, 11, 98, 99), { parked: true }));
    expect(s.reason(car)).toBe('loose_box');
    s.setReason(car, 'ok');
    expect(s.reason(car)).toBe('ok');
    s.setReason(car, null);
    expect(s.reason(car)).toBe('loose_box');

    const added = s.addObject(box(900, 700, 20, 20), 'cat');
    expect(added).toBe(3);
    expect(s.currentIndex()).toBe(3);
    expect(s.reason(added)).toBe('missed_object');
    expect(() => s.takeMerged(added)).toThrow(/added by the reviewer/);
    s.drop(added); // the reviewer's own object is removed, not kept as "extra"
    expect(s.objectCount).toBe(3);
    expect(s.currentIndex()).toBe(2);
  });

  it('undoes and redoes decisions, one step each, and groups several into one', () => {
    const s = new ReviewSession(dispute());
    const car = objectOf(s, A, 'car');
    s.takeAnnotator(car, B);
    s.setAttribute(car, 'parked', false);
    expect(s.finalShape(car)!.attributes).toEqual({ parked: false });
    s.undo();
    expect(s.finalShape(car)!.attributes).toBeUndefined();
    s.undo();
    expect(s.decision(car).choice).toEqual({ kind: 'merged' });
    expect(s.getSnapshot().canUndo).toBe(false);
    s.redo();
    expect(s.decision(car).choice).toEqual({ kind: 'annotator', annotator: B });
    s.group(() => {
      s.redraw(car, box(0, 0, 50, 50));
      s.setClass(car, 'truck');
    });
    expect(s.finalShape(car)).toEqual(shape('truck', box(0, 0, 50, 50)));
    s.undo();
    expect(s.decision(car).choice).toEqual({ kind: 'annotator', annotator: B });
  });

  it('keeps toggles and the current object out of the undo history, and the snapshot stable until a change', () => {
    const s = new ReviewSession(dispute());
    const first = s.getSnapshot();
    expect(s.getSnapshot()).toBe(first);
    s.toggleAnnotator(1);
    expect(s.getSnapshot().hidden).toEqual(new Set([B]));
    s.toggleAnnotator(B);
    expect(s.getSnapshot().hidden.size).toBe(0);
    s.next(-1);
    expect(s.currentIndex()).toBe(2);
    s.next(1);
    expect(s.currentIndex()).toBe(0);
    expect(s.getSnapshot().canUndo).toBe(false);
  });

  it('uses the clusters the hub sent and resumes a saved draft', () => {
    const d = dispute();
    d.proposal.clusters = [
      { members: [{ annotator: A, shapeIndex: 0, shape: shape('car', box(10, 10)) }, { annotator: B, shapeIndex: 0, shape: shape('car', box(20, 20)) }], accepted: false, label: null },
    ];
    const s = new ReviewSession(d);
    expect(s.objectCount).toBe(1);
    // No quorum: the merged shape is the members' mean box under their class.
    expect(s.objects[0]!.merged).toEqual(shape('car', box(15, 15)));
    s.takeMerged(0);
    const resumed = new ReviewSession(d, s.getDraft());
    expect(resumed.verdict()).toEqual({ shapes: [shape('car', box(15, 15))], reasons: [{ index: 0, reason: 'ok' }] });
  });
});
