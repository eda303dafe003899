import { describe, expect, it, vi } from 'vitest';
import { createTestEditor, testShape } from './testing/testEditor';

const grid = (n: number) => Array.from({ length: n }, (_, i) => testShape(`g${i}`, { x: (i % 40) * 24, y: 100 + Math.floor(i / 40) * 24, w: 20, h: 20 }));

describe('an edit costs what it changes', () => {
  it('moves, resizes, nudges and undoes without reading the whole shape list', () => {
    const t = createTestEditor({ shapes: [...grid(800), testShape('a', { x: 10, y: 10, w: 50, h: 40 })] });
    const readAll = vi.spyOn(t.committer, 'getShapes');
    t.drag([30, 30], [80, 60]).expectSelected(['a']).expectBox('a', { x: 60, y: 40, w: 50, h: 40 });
    t.pointerDown(110, 80).pointerMove(130, 90).pointerUp().expectBox('a', { x: 60, y: 40, w: 70, h: 50 });
    t.keyDown('ArrowRight');
    t.editor.undo();
    t.editor.redo();
    expect(readAll).not.toHaveBeenCalled();
    // The canvas reads the same index the editor hit-tests with.
    const index = t.snapshot.shapeIndex;
    expect(index.get('a')?.box).toEqual({ x: 61, y: 40, w: 70, h: 50 });
    expect(index.query({ x: 100, y: 60, w: 5, h: 5 }).map((s) => s.id)).toContain('a');
    expect(t.snapshot.shapes).toHaveLength(801);
  });

  it('still follows a committer that does not say what changed', () => {
    const t = createTestEditor({ shapes: [testShape('a', { x: 10, y: 10, w: 50, h: 40 })] });
    const before = t.snapshot.shapesVersion;
    // A listener called without the diff (as a committer that cannot tell): the editor compares the whole list.
    t.committer.commit({ put: [testShape('b', { x: 300, y: 300, w: 20, h: 20 })], remove: ['a'] }, { history: true, label: 'x' });
    (t.editor as unknown as { syncShapes(): void }).syncShapes();
    expect(t.snapshot.shapesVersion).toBeGreaterThan(before);
    expect(t.snapshot.shapeIndex.get('a')).toBeUndefined();
    expect(t.snapshot.shapeIndex.query({ x: 290, y: 290, w: 40, h: 40 }).map((s) => s.id)).toEqual(['b']);
  });
});
