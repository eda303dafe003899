import { describe, expect, it } from 'vitest';
import type { Item } from '../../core/model/item';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import { createEditor } from '../editor/createEditor';
import { defaultKeymap } from '../editor/keys/registry';
import { KeyDriver } from '../editor/testing/keyDriver';
import { REASON_KEYS } from './reviewTypes';
import { objectShapeId, ReviewCommitter } from './reviewCommitter';
import { reviewKeyLayer } from './reviewKeys';
import { reviewLabelSchema } from './reviewSchema';
import { ReviewSession } from './reviewSession';

const A = '0x00000000000000000000000000000000000000a1';
const B = '0x00000000000000000000000000000000000000b2';
const C = '0x00000000000000000000000000000000000000c3';
const NO_MODS = { shift: false, ctrl: false, alt: false, meta: false };

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

const reviewItem: Item = { id: 'item-2', projectId: 'review', kind: 'image', relPath: 'b.jpg', width: 1000, height: 800, sha256: 'b'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };

/** Reviewer mode as the app wires it: an editor without a labeling session, the reviewer layer in its dispatcher, one keyboard. */
function reviewBench(options: { keymap?: Record<string, string[]> } = {}) {
  const d = dispute();
  const session = new ReviewSession(d);
  const schema = reviewLabelSchema(d);
  const editor = createEditor({ committer: new ReviewCommitter(session, schema), labelSchema: schema, author: 'reviewer', keyContexts: ['editor'], keymap: options.keymap });
  editor.loadItem(reviewItem);
  const bench = { session, editor, submitted: 0, redraws: [] as number[], problems: [] as string[] };
  editor.keys.addLayer(
    reviewKeyLayer(session, {
      classNames: schema.classes.map((c) => c.name),
      startRedraw: (i) => bench.redraws.push(i),
      submit: () => bench.submitted++,
      canSubmit: () => true,
      act: (run) => run(),
    }),
  );
  return { ...bench, bench, keys: new KeyDriver([editor]) };
}

describe('reviewer keys', () => {
  it('are commands of the editor\'s dispatcher, shadowing its digits, and leave the editor its own keys', () => {
    const { session, editor, keys } = reviewBench();
    const first = session.currentIndex();
    keys.press('b');
    expect(session.decision(first).choice).toMatchObject({ kind: 'annotator' });
    keys.press('2');
    expect(session.reason(first)).toBe('loose_box');
    expect(editor.getSnapshot().activeClassId).toBe(editor.getSnapshot().labelSchema.classes[0]!.id); // not class 2
    // Shift+3 types '#' on a US keyboard: read from the code.
    keys.press('shift+3');
    expect([...session.getSnapshot().hidden]).toEqual([session.annotators[2]]);
    keys.press('n');
    expect(editor.getSnapshot().tool).toBe('box');
    keys.press('escape');
    keys.press('ctrl+z');
    expect(session.decision(first).choice.kind).toBe('annotator');
    // No labeling session in reviewer mode: Ctrl+Enter ("mark the item done") means nothing here.
    expect(keys.press('ctrl+enter').taken).toBe(false);
  });

  it('digit n is the n-th reason of the side panel (REASON_KEYS)', () => {
    REASON_KEYS.forEach((reason, n) => expect(defaultKeymap[`review.reason.${reason}`]).toEqual([String(n)]));
  });

  it('resolves a whole item from the keyboard', () => {
    const { session, bench, keys } = reviewBench();
    expect(session.unresolved()).toHaveLength(2);
    const car = session.objects.findIndex((o) => o.members.length === 3);
    if (session.currentIndex() !== car) keys.press('tab');
    keys.press('a'); // A's car
    keys.press('tab');
    keys.press('x'); // B's lone car at 500,500 is not an object
    keys.press('4'); // … an extra object, said explicitly
    keys.press('shift+tab');
    keys.press('b'); // back on the first object: B's truck box
    keys.press(']'); // truck → bus
    keys.press('1'); // wrong class
    keys.press('enter');
    expect(bench.submitted).toBe(1);
    expect(session.verdict()).toEqual({
      shapes: [{ className: 'bus', box: { x: 5, y: 5, w: 100, h: 100 } }],
      reasons: [
        { index: car, reason: 'wrong_class' },
        { index: 1 - car, reason: 'extra_object' },
      ].sort((a, b) => a.index - b.index),
    });
  });

  it('follow the user\'s rebinding of a reviewer command, and refuse one that clashes within reviewer mode', () => {
    const { session, editor, keys } = reviewBench({ keymap: { 'review.drop': ['q'] } });
    const first = session.currentIndex();
    keys.press('x');
    expect(session.decision(first).choice.kind).toBe('undecided');
    keys.press('q');
    expect(session.decision(first).choice.kind).toBe('drop');
    expect(() => editor.setKeymap({ 'review.drop': ['m'] })).toThrow(/M is bound to both "Take the merged shape" and "Drop the object \(not an object\)" \(Reviewer mode\)/);
  });
});

describe('ReviewCommitter with the editor', () => {
  function setup() {
    const d = dispute();
    const session = new ReviewSession(d);
    const schema = reviewLabelSchema(d);
    const committer = new ReviewCommitter(session, schema);
    const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer' });
    editor.setViewport({ width: 1000, height: 800 });
    editor.loadItem(reviewItem);
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
