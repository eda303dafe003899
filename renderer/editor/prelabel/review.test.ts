import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../core/model/shape';
import { createTestEditor, testShape } from '../testing/testEditor';

function prelabel(id: string, x: number, score: number, classId = 'car'): Shape {
  const box = { x, y: 100, w: 100, h: 50 };
  return { ...testShape(id, box, classId), source: { kind: 'model', modelId: 'm', score }, prelabel: { runId: 'run', predictionId: `p_${id}`, modelId: 'm', score, predictedBox: box, predictedClassId: classId, review: 'pending' } };
}

const review = (t: ReturnType<typeof createTestEditor>, id: string) => t.shape(id).prelabel?.review;

function reviewEditor() {
  return createTestEditor({ shapes: [prelabel('a', 100, 0.9), prelabel('b', 300, 0.6), prelabel('c', 500, 0.3), testShape('h', { x: 700, y: 100, w: 50, h: 50 })] });
}

describe('pre-label review', () => {
  it('Enter accepts the selected pending pre-label as one undo step; undo makes it pending again', () => {
    const t = reviewEditor();
    t.click(150, 120).expectSelected(['a']).keyDown('Enter');
    expect(review(t, 'a')).toBe('accepted');
    expect(t.shape('a').box).toEqual({ x: 100, y: 100, w: 100, h: 50 });
    expect(t.committer.commits.at(-1)).toMatchObject({ label: 'Accept pre-label', history: true });
    t.keyDown('z', { ctrl: true });
    expect(review(t, 'a')).toBe('pending');
  });

  it('Enter on a human box or an accepted pre-label does nothing', () => {
    const t = reviewEditor();
    t.click(720, 120).keyDown('Enter');
    expect(t.committer.commits).toHaveLength(0);
  });

  it('Delete rejects: the shape goes, labelled as a rejection', () => {
    const t = reviewEditor();
    t.click(350, 120).keyDown('Delete').expectShapeCount(3);
    expect(t.committer.commits.at(-1)!.label).toBe('Reject pre-label');
  });

  it('moving, resizing or reclassing a pending pre-label accepts it as corrected, keeping the prediction', () => {
    const t = reviewEditor();
    t.drag([150, 120], [170, 140]);
    expect(review(t, 'a')).toBe('corrected');
    expect(t.shape('a').prelabel!.predictedBox).toEqual({ x: 100, y: 100, w: 100, h: 50 });
    t.click(350, 120).press('ctrl+2');
    expect(t.shape('b')).toMatchObject({ classId: 'person', prelabel: { review: 'corrected', predictedClassId: 'car' } });
    t.click(550, 120).pointerDown(600, 150).pointerMove(640, 170).pointerUp();
    expect(t.shape('c').box).toEqual({ x: 500, y: 100, w: 140, h: 70 });
    expect(review(t, 'c')).toBe('corrected');
    // An accepted pre-label edited later stays accepted: the verdict was made.
    const u = reviewEditor();
    u.click(150, 120).keyDown('Enter').drag([150, 120], [160, 120]);
    expect(review(u, 'a')).toBe('accepted');
  });

  it('moving an auto-accepted pre-label corrects it: a human judged what the policy accepted; Enter leaves it alone', () => {
    const auto = (id: string, x: number): Shape => {
      const s = prelabel(id, x, 0.97);
      return { ...s, prelabel: { ...s.prelabel!, review: 'accepted', decision: 'auto' } };
    };
    const t = createTestEditor({ shapes: [auto('a', 100), auto('b', 300)] });
    t.click(350, 120).keyDown('Enter');
    expect(t.committer.commits).toHaveLength(0);
    expect(review(t, 'b')).toBe('accepted');
    t.drag([150, 120], [170, 140]);
    expect(t.shape('a').prelabel).toMatchObject({ review: 'corrected', decision: 'auto' });
  });

  it('editing attributes of a pending pre-label corrects it', () => {
    const t = reviewEditor();
    t.editor.setAttributes('a', { parked: true });
    expect(review(t, 'a')).toBe('corrected');
  });

  it('Shift+Enter accepts every pending pre-label at or above the threshold in ONE step', () => {
    const t = reviewEditor();
    t.editor.setAcceptThreshold(0.5);
    t.keyDown('Enter', { shift: true });
    expect(['a', 'b', 'c'].map((id) => review(t, id))).toEqual(['accepted', 'accepted', 'pending']);
    expect(t.committer.commits).toHaveLength(1);
    expect(t.committer.commits[0]!.change.put).toHaveLength(2);
    t.editor.acceptAllAbove(0.2);
    expect(review(t, 'c')).toBe('accepted');
    expect(() => t.editor.setAcceptThreshold(1.5)).toThrow(/between 0 and 1/);
  });

  it('Ctrl+L asks the app to pre-label the item', () => {
    const t = reviewEditor();
    t.keyDown('l', { ctrl: true });
    expect(t.appActions).toEqual(['prelabel.item']);
  });
});
