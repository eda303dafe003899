import { describe, expect, it } from 'vitest';
import { BOX_A, createTestEditor, createTwoBoxEditor, testShape } from '../../testing/testEditor';
import type { HandleId } from '../../types';

const A = BOX_A;
const twoShapes = createTwoBoxEditor;

describe('select tool', () => {
  it('click selects, shift-click adds and toggles, click on empty space clears', () => {
    const t = twoShapes();
    t.click(150, 120).expectSelected(['a']);
    t.click(420, 320, { shift: true }).expectSelected(['a', 'b']);
    t.click(420, 320, { shift: true }).expectSelected(['a']);
    t.click(800, 700).expectSelected([]);
    expect(t.committer.commits).toHaveLength(0);
  });

  it('prefers the smaller of nested boxes', () => {
    const t = createTestEditor({ shapes: [testShape('big', { x: 0, y: 0, w: 500, h: 500 }), testShape('small', { x: 100, y: 100, w: 20, h: 20 })] });
    t.click(110, 110).expectSelected(['small']);
  });

  it('dragging a shape moves it on pointer-up only, as one undo step', () => {
    const t = twoShapes();
    t.pointerDown(150, 120).expectToBeIn('select.pointingShape').pointerMove(160, 125).expectToBeIn('select.translating');
    t.pointerMove(180.4, 139.6);
    expect(t.snapshot.preview).toEqual({ kind: 'transform', shapeId: 'a', box: { x: 130, y: 120, w: 100, h: 50 }, handle: 'move' });
    t.expectBox('a', A);
    t.pointerUp().expectToBeIn('select.idle').expectBox('a', { x: 130, y: 120, w: 100, h: 50 });
    expect(t.shape('a').version).toBe(2);
    expect(t.snapshot.preview).toBeNull();
    t.keyDown('z', { ctrl: true }).expectBox('a', A);
    t.keyDown('y', { ctrl: true }).expectBox('a', { x: 130, y: 120, w: 100, h: 50 });
  });

  it('moves every selected shape together and keeps them inside the image', () => {
    const t = twoShapes();
    t.click(150, 120).click(420, 320, { shift: true });
    t.pointerDown(150, 120).pointerMove(160, 120).pointerMove(2000, 120);
    expect(t.snapshot.preview?.kind).toBe('translate');
    t.pointerUp();
    // b's right edge stops at the image edge (1000): dx = 1000 - 460 = 540.
    t.expectBox('b', { x: 940, y: 300, w: 60, h: 60 }).expectBox('a', { x: 640, y: 100, w: 100, h: 50 });
    expect(t.committer.commits).toHaveLength(1);
  });

  it('a click without travel does not move or commit', () => {
    const t = twoShapes();
    t.pointerDown(150, 120).pointerMove(151, 121).pointerUp().expectBox('a', A);
    expect(t.committer.commits).toHaveLength(0);
  });

  it('Esc mid-move returns to the mark without touching the store', () => {
    const t = twoShapes();
    t.pointerDown(150, 120).pointerMove(250, 220).expectToBeIn('select.translating').keyDown('Escape').expectToBeIn('select.idle');
    expect(t.snapshot.preview).toBeNull();
    t.pointerUp().expectBox('a', A);
    expect(t.committer.commits).toHaveLength(0);
    expect(t.snapshot.selectedIds).toEqual(['a']);
    t.keyDown('Escape').expectSelected([]);
  });

  const expected: Record<HandleId, { at: [number, number]; box: { x: number; y: number; w: number; h: number } }> = {
    nw: { at: [100, 100], box: { x: 90, y: 80, w: 110, h: 70 } },
    n: { at: [150, 100], box: { x: 100, y: 80, w: 100, h: 70 } },
    ne: { at: [200, 100], box: { x: 100, y: 80, w: 110, h: 70 } },
    e: { at: [200, 125], box: { x: 100, y: 100, w: 110, h: 50 } },
    se: { at: [200, 150], box: { x: 100, y: 100, w: 110, h: 70 } },
    s: { at: [150, 150], box: { x: 100, y: 100, w: 100, h: 70 } },
    sw: { at: [100, 150], box: { x: 90, y: 100, w: 110, h: 70 } },
    w: { at: [100, 125], box: { x: 90, y: 100, w: 110, h: 50 } },
  };
  for (const [handle, { at, box }] of Object.entries(expected)) {
    it(`resizes with the ${handle} handle (outwards by 10 / 20 px), one undo step`, () => {
      const t = twoShapes();
      t.click(150, 120).expectSelected(['a']);
      const dx = handle.includes('w') ? -10 : handle.includes('e') ? 10 : 0;
      const dy = handle.includes('n') ? -20 : handle.includes('s') ? 20 : 0;
      t.pointerDown(at[0] + 2, at[1] - 1).expectToBeIn('select.resizing');
      expect(t.snapshot.cursor).toMatch(/resize/);
      t.pointerMove(at[0] + 2 + dx, at[1] - 1 + dy).pointerUp().expectToBeIn('select.idle').expectBox('a', box);
      expect(t.committer.commits).toHaveLength(1);
      t.keyDown('z', { ctrl: true }).expectBox('a', A);
    });
  }

  it('resizing past the opposite edge flips the box; Esc mid-resize cancels', () => {
    const t = twoShapes();
    t.click(150, 120).pointerDown(200, 150).pointerMove(50, 60).pointerUp().expectBox('a', { x: 50, y: 60, w: 50, h: 40 });
    t.pointerDown(100, 100).pointerMove(10, 10).keyDown('Escape').pointerUp().expectBox('a', { x: 50, y: 60, w: 50, h: 40 });
    expect(t.committer.commits).toHaveLength(1);
  });

  it('empty-space drag does not pan or move anything', () => {
    const t = twoShapes();
    const camera = t.snapshot.camera;
    t.drag([700, 700], [800, 750]).expectSelected([]);
    expect(t.snapshot.camera).toEqual(camera);
    expect(t.committer.commits).toHaveLength(0);
  });
});
