import { describe, expect, it } from 'vitest';
import { BOX_A, createTestEditor, createTwoBoxEditor, testSchema, testShape } from './testing/testEditor';
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

  it('a digit picks the class of the next box and leaves the box just drawn (still selected) as it is', () => {
    const t = createTestEditor();
    t.press('n').drag([10, 10], [60, 60]);
    const first = t.snapshot.selectedIds[0]!;
    expect(t.shape(first).classId).toBe('car');
    t.press('2');
    expect(t.snapshot.activeClassId).toBe('person');
    expect(t.snapshot.selectedIds).toEqual([first]);
    expect(t.shape(first).classId).toBe('car');
    t.press('n').drag([100, 100], [160, 160]);
    expect(t.shape(t.snapshot.selectedIds[0]!).classId).toBe('person');
    expect(t.committer.commits).toHaveLength(2);
  });

  it('Ctrl+digit (CVAT) or Shift+digit gives the class to the selected boxes in one step, keeping shared attributes; with none selected, to the next box', () => {
    const t = twoShapes();
    t.click(150, 120).click(420, 320, { shift: true }).press('ctrl+3');
    expect(t.snapshot.activeClassId).toBe('car');
    expect(t.shapes.map((s) => [s.classId, s.attributes])).toEqual([
      ['bike', { kind: 'road' }],
      ['bike', { kind: 'road' }],
    ]);
    expect(t.committer.commits).toHaveLength(1);
    t.press('ctrl+z');
    expect(t.shapes.map((s) => s.classId)).toEqual(['car', 'person']);
    t.press('shift+2');
    expect(t.shapes.map((s) => s.classId)).toEqual(['person', 'person']);
    // There is no 9th class: nothing changes.
    t.press('ctrl+9');
    expect(t.committer.commits).toHaveLength(2);
    t.press('escape').press('ctrl+3');
    expect(t.snapshot.activeClassId).toBe('bike');
    expect(t.committer.commits).toHaveLength(2);
  });

  it("a class's own key (schema hotkey) picks it for the next box only", () => {
    const schema = { classes: testSchema.classes.map((c) => (c.id === 'bike' ? { ...c, hotkey: 'b' } : c)) };
    const t = createTestEditor({ schema, shapes: [testShape('a', { x: 100, y: 100, w: 100, h: 50 })] });
    t.click(150, 120).press('b');
    expect(t.snapshot.activeClassId).toBe('bike');
    expect(t.shape('a').classId).toBe('car');
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
