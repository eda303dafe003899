import { describe, expect, it } from 'vitest';
import type { Item } from '../../core/model/item';
import { createEditor } from '../editor/createEditor';
import { KeyDriver } from '../editor/testing/keyDriver';
import { keyLayerOf } from './reviewKeys';
import { reviewLabelSchema } from './reviewSchema';
import { runVideoReviewCommand } from './runVideoReviewCommand';
import { trackShapeId, VideoReviewCommitter } from './videoReviewCommitter';
import { ANN_A, ANN_B, ANN_C, FRAMES, testMerging, videoDispute, videoSubmissions } from './videoReviewTestKit';
import { VideoReviewSession } from './videoReviewSession';

const NO_MODS = { shift: false, ctrl: false, alt: false, meta: false };
/** The punctuation frame keys as a US keyboard sends them (the test KeyDriver knows letters and named keys). */
const PUNCTUATION: Record<string, [string, boolean]> = { '.': ['Period', false], ',': ['Comma', false], '>': ['Period', true], '<': ['Comma', true] };
const frameItem: Item = { id: 'clip-1', projectId: 'review', kind: 'image', relPath: 'clip.mp4', width: 640, height: 360, sha256: 'd'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };

/** A video review as the app wires it: the editor over a VideoReviewCommitter, the reviewer layer running the video commands. */
function videoBench(keymap?: Record<string, string[]>, problems: string[] = []) {
  const d = videoDispute();
  const session = new VideoReviewSession(d, testMerging, FRAMES);
  const schema = reviewLabelSchema(d);
  const committer = new VideoReviewCommitter(session, schema);
  const editor = createEditor({ committer, labelSchema: schema, author: 'reviewer', keyContexts: ['editor'], keymap });
  editor.setViewport({ width: 640, height: 360 });
  editor.loadItem(frameItem);
  editor.setCamera({ x: 0, y: 0, zoom: 1 });
  const bench = { submitted: 0, redraws: [] as number[] };
  editor.keys.addLayer(
    keyLayerOf((command) => runVideoReviewCommand(session, command, { startRedraw: (i) => (committer.beginRedraw(i), bench.redraws.push(i), editor.setTool('box')), submit: () => bench.submitted++ }), {
      canSubmit: () => true,
      act: (run) => {
        try {
          run();
        } catch (e) {
          problems.push((e as Error).message);
        }
      },
    }),
  );
  const drag = (from: [number, number], to: [number, number]) => {
    editor.pointerDown({ x: from[0], y: from[1], button: 0, modifiers: NO_MODS });
    editor.pointerMove({ x: (from[0] + to[0]) / 2, y: (from[1] + to[1]) / 2, button: 0, modifiers: NO_MODS });
    editor.pointerMove({ x: to[0], y: to[1], button: 0, modifiers: NO_MODS });
    editor.pointerUp({ x: to[0], y: to[1], button: 0, modifiers: NO_MODS });
  };
  const type = (key: string) => {
    const [code, shift] = PUNCTUATION[key]!;
    const input = { key, code, modifiers: { ...NO_MODS, shift }, repeat: false };
    editor.keyDown(input);
    editor.keyUp(input);
  };
  return { session, committer, editor, bench, drag, type, keys: new KeyDriver([editor]) };
}

describe('video reviewer keys', () => {
  it('resolve a whole video item: take per track and per segmentation, frames with . , > <, redraw with R and a drawn box, Enter submits', () => {
    const { session, editor, bench, drag, keys, type } = videoBench();
    keys.press('b'); // track 1: B's car
    expect(session.choice(0)).toEqual({ kind: 'annotator', annotator: ANN_B });
    type('>');
    type('>');
    type('>');
    type('<');
    type('.');
    type(',');
    type('.');
    expect(session.currentFrame()).toBe(21);
    // The decided track is a shape on this frame; R and a box drawn make a keyframe here.
    expect(editor.getSnapshot().shapes.map((s) => s.id)).toEqual([trackShapeId(0)]);
    keys.press('r');
    expect(editor.getSnapshot().tool).toBe('box');
    drag([100, 100], [180, 160]);
    expect(session.finalTrack(0)!.keyframes.find((k) => k.frame === 21)).toEqual({ frame: 21, box: { x: 100, y: 100, w: 80, h: 60 } });
    keys.press('tab');
    keys.press('x'); // track 2 (the person) dropped
    keys.press('tab');
    keys.press('c'); // C's segmentation
    keys.press('tab');
    keys.press('m'); // the consensus frame tags
    keys.press('enter');
    expect(bench.submitted).toBe(1);
    const v = session.verdict();
    expect(v.video.tracks).toHaveLength(1);
    expect(v.video.segments).toEqual(videoSubmissions()[ANN_C]!.segments);
    expect(v.reasons.map((r) => r.reason)).toEqual(['loose_box', 'extra_object', 'ok', 'ok']);
    // Ctrl+Z goes back through the review's own history.
    keys.press('ctrl+z');
    expect(session.choice(3)).toEqual({ kind: 'merged' });
  });

  it('moving the box on a frame sets a keyframe on the decided track; O ends it there; delete drops it', () => {
    const { session, editor, drag, keys } = videoBench();
    session.takeAnnotator(0, ANN_A);
    session.setFrame(30);
    editor.setTool('select');
    drag([140, 70], [150, 80]); // A's box on 30 is at 100,40 80×60
    expect(session.finalTrack(0)!.keyframes.find((k) => k.frame === 30)!.box).toEqual({ x: 110, y: 50, w: 80, h: 60 });
    keys.press('o');
    expect(session.finalTrack(0)!.keyframes.find((k) => k.frame === 30)).toMatchObject({ outside: true });
    expect(editor.getSnapshot().shapes).toHaveLength(0);
    keys.press('ctrl+z');
    editor.select([trackShapeId(0)]);
    editor.deleteSelected();
    expect(session.choice(0)).toEqual({ kind: 'drop' });
  });

  it('refuses an annotator with no track there in words, and follows a rebinding', () => {
    const problems: string[] = [];
    const { session, keys } = videoBench({ 'review.frameNext': ['l'] }, problems);
    keys.press('tab'); // the person: only B and C
    keys.press('a');
    expect(problems).toEqual(['annotator A has no track 2 here']);
    expect(session.choice(1)).toEqual({ kind: 'undecided' });
    keys.press('l');
    expect(session.currentFrame()).toBe(1);
  });
});
