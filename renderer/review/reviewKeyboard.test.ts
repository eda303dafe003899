import { describe, expect, it } from 'vitest';
import type { Item } from '../../core/model/item';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import { createEditor } from '../editor/createEditor';
import type { KeyInput } from '../editor/types';
import { objectShapeId, ReviewCommitter } from './reviewCommitter';
import { reviewCommandOf } from './reviewKeys';
import { reviewLabelSchema } from './reviewSchema';
import { ReviewSession } from './reviewSession';
import { runReviewCommand } from './runReviewCommand';

const A = '0x00000000000000000000000000000000000000a1';
const B = '0x00000000000000000000000000000000000000b2';
const C = '0x00000000000000000000000000000000000000c3';
const NO_MODS = { shift: false, ctrl: false, alt: false, meta: false };

function key(k: string, shift = false): KeyInput {
  const code = /^[0-9]$/.test(k) ? `Digit${k}` : k === 'Tab' ? 'Tab' : `Key${k.toUpperCase()}`;
  return { key: k, code, modifiers: { ...NO_MODS, shift }, repeat: false };
}

/** No object with a quorum: two boxes every annotator places differently. */
function dispute(): Dispute {
  const box = (x: number, y: number) => ({ x, y, w: 100, h: 100 });
  return {
    itemId: 'item-2',
    taskId: 'task-1',
    sha256: 'b'.repeat(64),
    fileName: 'b.jpg',
    width: 1000,
    height: 800,
    labelSchema: { classes: [{ id: 'c1', name: 'car', color: '#ff0000', attributes: [] }, { id: 'c2', name: 'truck', color: '#00ff00', attributes: [] }] },
    submissions: [
      { annotator: A, shapes: [{ className: 'car', box: box(0, 0) }] },
      { annotator: B, shapes: [{ className: 'truck', box: box(5, 5) }, { className: 'car', box: box(500, 500) }] },
      { annotator: C, shapes: [{ className: 'bus', box: box(3, 0) }] },
    ],
    proposal: { labels: [], clusters: [] },
  };
}

describe('reviewer keys', () => {
  it('maps keys to commands and leaves the editor its own keys', () => {
    expect(reviewCommandOf(key('b'))).toEqual({ kind: 'take', annotator: 1 });
    expect(reviewCommandOf(key('m'))).toEqual({ kind: 'merged' });
    expect(reviewCommandOf(key('x'))).toEqual({ kind: 'drop' });
    expect(reviewCommandOf(key('Tab', true))).toEqual({ kind: 'step', by: -1 });
    expect(reviewCommandOf(key('2'))).toEqual({ kind: 'reason', reason: 'loose_box' });
    // Shift+3 types '#' on a US keyboard: read from the code.
    expect(reviewCommandOf({ key: '#', code: 'Digit3', modifiers: { ...NO_MODS, shift: true }, repeat: false })).toEqual({ kind: 'toggle', annotator: 2 });
    expect(reviewCommandOf(key('n'))).toBeNull();
    expect(reviewCommandOf({ ...key('z'), modifiers: { ...NO_MODS, ctrl: true } })).toBeNull();
  });

  it('resolves a whole item from the keyboard', () => {
    const session = new ReviewSession(dispute());
    let submitted = 0;
    const context = { classNames: ['car', 'truck', 'bus'], startRedraw: () => undefined, submit: () => submitted++ };
    const press = (k: string, shift = false) => {
      const command = reviewCommandOf(key(k, shift));
      if (!command) throw new Error(`${k} is no reviewer key`);
      runReviewCommand(session, command, context);
    };
    expect(session.unresolved()).toHaveLength(2);
    const car = session.objects.findIndex((o) => o.members.length === 3);
    if (session.currentIndex() !== car) press('Tab');
    press('a'); // A's car
    press('Tab');
    press('x'); // B's lone car at 500,500 is not an object
    press('4'); // … an extra object, said explicitly
    press('Tab');
    press('b'); // back on the first object: B's truck box
    press(']'); // truck → bus
    press('1'); // wrong class
    press('Enter');
    expect(submitted).toBe(1);
    expect(session.verdict()).toEqual({
      shapes: [{ className: 'bus', box: { x: 5, y: 5, w: 100, h: 100 } }],
      reasons: [
        { index: car, reason: 'wrong_class' },
        { index: 1 - car, reason: 'extra_object' },
      ].sort((a, b) => a.index - b.index),
    });
  });
});

describe('ReviewCommitter with the editor', () => {
  const item: Item = { id: 'item-2', projectId: 'review', kind: 'image', relPath: 'b.jpg', width: 1000, height: 800, sha256: 'b'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };

  function setup() {
    const d = dispute();
    const session = new ReviewSession(d);
    const schema = reviewLabelSchema(d);
    const committer = new ReviewCommitter(session, schema);
    const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer' });
    editor.setViewport({ width: 1000, height: 800 });
    editor.loadItem(item);
    editor.setCamera({ x: 0, y: 0, zoom: 1 });
    const drag = (from: [number, number], to: [number, number]) => {
      editor.pointerDown({ x: from[0], y: from[1], button: 0, modifiers: NO_MODS });
      editor.pointerMove({ x: (from[0] + to[0]) / 2, y: (from[1] + to[1]) / 2, button: 0, modifiers: NO_MODS });
      editor.pointerMove({ x: to[0], y: to[1], button: 0, modifiers: NO_MODS });
      editor.pointerUp({ x: to[0], y: to[1], button: 0, modifiers: NO_MODS });
    };
    return { session, committer, editor, drag, schema };
  }

  it('shows decided objects as shapes and turns a drawn box into a redraw of the named object', () => {
    const { session, committer, editor, drag } = setup();
    expect(editor.getSnapshot().shapes).toHaveLength(0);
    session.takeAnnotator(0, session.objects[0]!.members[0]!.annotator);
    expect(editor.getSnapshot().shapes.map((s) => s.id)).toEqual([objectShapeId(0)]);
    committer.beginRedraw(0);
    editor.setTool('box');
    drag([200, 200], [260, 280]);
    expect(session.decision(0).choice).toMatchObject({ kind: 'drawn', box: { x: 200, y: 200, w: 60, h: 80 } });
    expect(session.reason(0)).toBe('loose_box');
    expect(committer.redrawing()).toBeNull();
    // Undo in the editor is the review's undo.
    editor.undo();
    expect(session.decision(0).choice.kind).toBe('annotator');
  });

  it('adds a missed object for a box drawn without a target, moves count as redraws, delete drops', () => {
    const { session, editor, drag } = setup();
    editor.setTool('box');
    drag([600, 100], [700, 150]);
    expect(session.objectCount).toBe(3);
    expect(session.decision(2)).toMatchObject({ added: true, choice: { kind: 'drawn', className: 'car', box: { x: 600, y: 100, w: 100, h: 50 } } });
    expect(session.reason(2)).toBe('missed_object');
    editor.setTool('select');
    drag([650, 120], [660, 130]);
    expect(session.finalShape(2)!.box).toEqual({ x: 610, y: 110, w: 100, h: 50 });
    editor.select([objectShapeId(2)]);
    editor.deleteSelected();
    expect(session.objectCount).toBe(2);
  });
});
