import { describe, expect, it } from 'vitest';
import { BOX_A, createTwoBoxEditor } from './testing/testEditor';
import { AttributeError } from './shapeEdits';

const A = BOX_A;
const twoShapes = createTwoBoxEditor;

describe('editor commands', () => {
  it('Delete removes the selection in one step; undo brings it back', () => {
    const t = twoShapes();
    t.keyDown('a', { ctrl: true }).expectSelected(['a', 'b']).keyDown('Delete').expectShapeCount(0).expectSelected([]);
    expect(t.committer.commits).toHaveLength(1);
    t.keyDown('z', { ctrl: true }).expectShapeCount(2);
    t.click(150, 120).keyDown('Backspace').expectShapeCount(1);
    t.keyDown('z', { ctrl: true, shift: true }).expectShapeCount(1);
  });

  it('number keys set the active class and the class of the selection (one step), keeping shared attributes', () => {
    const t = twoShapes();
    t.click(150, 120).click(420, 320, { shift: true }).keyDown('3');
    expect(t.snapshot.activeClassId).toBe('bike');
    expect(t.shapes.map((s) => [s.classId, s.attributes])).toEqual([
      ['bike', { kind: 'road' }],
      ['bike', { kind: 'road' }],
    ]);
    expect(t.committer.commits).toHaveLength(1);
    t.keyDown('z', { ctrl: true });
    expect(t.shapes.map((s) => s.classId)).toEqual(['car', 'person']);
    // There is no 9th class: nothing changes.
    t.keyDown('9');
    expect(t.snapshot.activeClassId).toBe('bike');
    expect(t.committer.commits).toHaveLength(1);
  });

  it('arrow keys nudge by 1 px, shift by 10 px, one undo step per press, clamped to the image', () => {
    const t = twoShapes();
    t.click(150, 120).keyDown('ArrowRight').keyDown('ArrowDown', { shift: true }).expectBox('a', { x: 101, y: 110, w: 100, h: 50 });
    expect(t.committer.commits).toHaveLength(2);
    t.keyDown('z', { ctrl: true }).expectBox('a', { x: 101, y: 100, w: 100, h: 50 });
    for (let i = 0; i < 20; i++) t.keyDown('ArrowLeft', { shift: true, repeat: i > 0 });
    t.expectBox('a', { x: 0, y: 100, w: 100, h: 50 });
  });

  it('setAttributes validates against the class and is undoable', () => {
    const t = twoShapes();
    t.editor.setAttributes('a', { parked: true });
    expect(t.shape('a').attributes).toEqual({ parked: true });
    expect(() => t.editor.setAttributes('a', { parked: 'yes' })).toThrow(AttributeError);
    expect(() => t.editor.setAttributes('a', { color: 'red' })).toThrow(/class "car", attribute "color": the class has no such attribute/);
    t.editor.undo();
    expect(t.shape('a').attributes).toEqual({ parked: false });
  });

  it('Tab selects the next box; Esc clears; F, D, F1 and ? go to the app', () => {
    const t = twoShapes();
    t.keyDown('Tab').expectSelected(['a']).keyDown('Tab').expectSelected(['b']).keyDown('Tab').expectSelected(['a']);
    t.keyDown('Escape').expectSelected([]);
    t.keyDown('f').keyDown('d').keyDown('F1').keyDown('?', { shift: true }).keyDown('f', { repeat: true });
    expect(t.appActions).toEqual(['item.next', 'item.prev', 'help.toggle', 'help.toggle']);
  });

  it('reports canUndo/canRedo in the snapshot and ignores unknown keys', () => {
    const t = twoShapes();
    expect(t.snapshot.canUndo).toBe(false);
    t.click(150, 120).keyDown('Delete');
    expect(t.snapshot.canUndo).toBe(true);
    t.keyDown('z', { ctrl: true });
    expect(t.snapshot.canRedo).toBe(true);
    expect(t.editor.keyDown({ key: 'q', code: 'KeyQ', modifiers: { shift: false, ctrl: false, alt: false, meta: false }, repeat: false })).toBe(false);
  });

  it('Cmd+Z works like Ctrl+Z', () => {
    const t = twoShapes();
    t.click(150, 120).keyDown('Delete').keyDown('z', { meta: true }).expectShapeCount(2);
  });
});
