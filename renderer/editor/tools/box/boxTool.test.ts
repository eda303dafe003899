import { describe, expect, it } from 'vitest';
import { createTestEditor, testShape } from '../../testing/testEditor';

describe('box tool', () => {
  it('N then drag draws one box of the active class, rounded to pixels, selected, back in select', () => {
    const t = createTestEditor();
    t.keyDown('n').expectToBeIn('box.idle');
    t.pointerDown(10.4, 20.6).pointerMove(40, 50).expectToBeIn('box.drawing');
    expect(t.snapshot.preview).toEqual({ kind: 'draw', box: { x: 10, y: 21, w: 30, h: 29 }, classId: 'car' });
    expect(t.shapes).toHaveLength(0);
    t.pointerUp(60.6, 70.2).expectShapeCount(1).expectToBeIn('select.idle');
    const s = t.shapes[0]!;
    expect(s.box).toEqual({ x: 10, y: 21, w: 51, h: 49 });
    expect(s).toMatchObject({ classId: 'car', attributes: { parked: false }, author: 'tester', source: { kind: 'human' }, itemId: 'item1', projectId: 'proj1', version: 1 });
    expect(t.snapshot.selectedIds).toEqual([s.id]);
    expect(t.snapshot.preview).toBeNull();
    expect(t.committer.commits).toHaveLength(1);
  });

  it('draws right-to-left and clamps to the image', () => {
    const t = createTestEditor({ image: { width: 200, height: 100 } });
    t.keyDown('n').drag([150, 80], [260, -30]);
    expect(t.shapes[0]!.box).toEqual({ x: 150, y: 0, w: 50, h: 80 });
  });

  it('respects the camera: screen drag maps through zoom and offset', () => {
    const t = createTestEditor();
    t.editor.setCamera({ x: 100, y: 50, zoom: 2 });
    t.keyDown('n').drag([120, 70], [220, 170]);
    expect(t.shapes[0]!.box).toEqual({ x: 10, y: 10, w: 50, h: 50 });
  });

  it('discards a box smaller than 2 px in either direction and stays in the box tool', () => {
    const t = createTestEditor();
    t.keyDown('n').drag([10, 10], [11, 200]).expectShapeCount(0).expectToBeIn('box.idle');
    t.drag([10, 10], [200, 11.2]).expectShapeCount(0);
    expect(t.committer.commits).toHaveLength(0);
  });

  it('Esc mid-draw drops the preview and leaves the store untouched; Esc again returns to select', () => {
    const t = createTestEditor();
    t.keyDown('n').pointerDown(10, 10).pointerMove(100, 100).keyDown('Escape').expectToBeIn('box.idle');
    expect(t.snapshot.preview).toBeNull();
    t.pointerUp(100, 100).expectShapeCount(0);
    t.keyDown('Escape').expectToBeIn('select.idle');
  });

  it('uses the class picked with a number key and undo/redo the draw as one step', () => {
    const t = createTestEditor();
    t.keyDown('2').keyDown('n').drag([10, 10], [50, 50]);
    expect(t.shapes[0]!.classId).toBe('person');
    t.keyDown('z', { ctrl: true }).expectShapeCount(0);
    expect(t.snapshot.selectedIds).toEqual([]);
    t.keyDown('z', { ctrl: true, shift: true }).expectShapeCount(1);
    t.keyDown('z', { ctrl: true }).keyDown('y', { ctrl: true }).expectShapeCount(1);
  });

  it('does not draw on a right or middle press', () => {
    const t = createTestEditor({ shapes: [testShape('a', { x: 0, y: 0, w: 10, h: 10 })] });
    t.keyDown('n').pointerDown(10, 10, { button: 2 }).pointerMove(100, 100).pointerUp(100, 100, { button: 2 }).expectShapeCount(1).expectToBeIn('box.idle');
  });
});
