import { describe, expect, it } from 'vitest';
import { TestVideoEditor } from '../testing/testVideoEditor';

describe('frame labeling (headless)', () => {
  it('draws a box on the current frame only', () => {
    const t = new TestVideoEditor().goTo(10).draw({ x: 20, y: 30, w: 40, h: 50 });
    expect(t.shapes).toHaveLength(1);
    expect(t.shapes[0]!.frame).toBe(10);
    t.goTo(11);
    expect(t.shapes).toHaveLength(0);
    t.goTo(10);
    expect(t.shapes[0]!.box).toEqual({ x: 20, y: 30, w: 40, h: 50 });
  });

  it('makes a track, keyframes it by moving and K, and interpolates linearly between keyframes', () => {
    const t = new TestVideoEditor().goTo(10).draw({ x: 20, y: 30, w: 40, h: 50 }).press('t');
    const video = t.committer.getVideo();
    expect(t.committer.getShapes()).toHaveLength(0);
    expect(video.tracks).toHaveLength(1);
    const trackId = video.tracks[0]!.id;
    expect(t.editor.getSnapshot().selectedIds).toEqual([trackId]);

    // Frame 40: the track holds its box; drag it 60 px right and 30 px down, then K (already a keyframe: no extra step).
    t.goTo(40);
    expect(t.box()).toEqual({ x: 20, y: 30, w: 40, h: 50 });
    const commitsBefore = t.committer.commits.length;
    t.drag([40, 55], [100, 85]).press('k');
    expect(t.committer.commits.length).toBe(commitsBefore + 1);
    expect(t.committer.getVideo().tracks[0]!.keyframes.map((k) => k.frame)).toEqual([10, 40]);
    expect(t.box()).toEqual({ x: 80, y: 60, w: 40, h: 50 });

    // Frame 25 is halfway: (20 + 80) / 2, (30 + 60) / 2.
    t.goTo(25);
    expect(t.box()).toEqual({ x: 50, y: 45, w: 40, h: 50 });
    expect(t.video.frames.trackInfo().get(trackId)).toEqual({ trackId, keyframe: false, outside: false });
    expect(t.video.getSnapshot().trackKeyframes).toEqual([10, 40]);

    // K on an interpolated frame keyframes the shown box; R / E walk the keyframes.
    t.press('k');
    expect(t.committer.getVideo().tracks[0]!.keyframes.map((k) => k.frame)).toEqual([10, 25, 40]);
    t.press('r');
    expect(t.video.getSnapshot().frame).toBe(40);
    t.press('e').press('e');
    expect(t.video.getSnapshot().frame).toBe(10);
  });

  it('undoes "make track" in one step, bringing the plain box back', () => {
    const t = new TestVideoEditor().goTo(5).draw({ x: 10, y: 10, w: 30, h: 30 }).press('t');
    expect(t.committer.getVideo().tracks).toHaveLength(1);
    t.press('ctrl+z');
    expect(t.committer.getVideo().tracks).toHaveLength(0);
    expect(t.committer.getShapes()).toHaveLength(1);
    t.press('ctrl+y');
    expect(t.committer.getVideo().tracks).toHaveLength(1);
    expect(t.committer.getShapes()).toHaveLength(0);
  });

  it('O hides the track from this frame on and brings it back while it stays the current track', () => {
    const t = new TestVideoEditor().goTo(0).draw({ x: 10, y: 10, w: 30, h: 30 }).press('t').goTo(20).press('o');
    expect(t.shapes).toHaveLength(0);
    t.goTo(19);
    expect(t.shapes).toHaveLength(1);
    t.goTo(30);
    expect(t.shapes).toHaveLength(0);
    t.goTo(25).press('o');
    expect(t.shapes).toHaveLength(1);
    t.goTo(22);
    expect(t.shapes).toHaveLength(0);
  });

  it('Ctrl+B propagates a plain box over the next N frames as one track', () => {
    const t = new TestVideoEditor({ frameCount: 30 });
    t.video.setPropagateCount(5);
    t.goTo(26).draw({ x: 10, y: 10, w: 30, h: 30 }).press('ctrl+b');
    const [track] = t.committer.getVideo().tracks;
    expect(track!.keyframes.map((k) => k.frame)).toEqual([26, 27, 28, 29]);
    expect(t.committer.getShapes()).toHaveLength(0);
  });

  it('F/D step, V/C jump N frames, clamped to the video', () => {
    const t = new TestVideoEditor({ frameCount: 50 });
    t.press('f').press('f');
    expect(t.video.getSnapshot().frame).toBe(2);
    t.press('d');
    expect(t.video.getSnapshot().frame).toBe(1);
    t.video.setJumpStep(20);
    t.press('v').press('v').press('v');
    expect(t.video.getSnapshot().frame).toBe(49);
    t.press('c');
    expect(t.video.getSnapshot().frame).toBe(29);
    expect(() => t.video.setJumpStep(0)).toThrow(/jump step/);
  });

  it('Space tap plays and pauses; Space held with a drag pans and does not', () => {
    const t = new TestVideoEditor();
    t.press('space');
    expect(t.video.getSnapshot().playing).toBe(true);
    t.video.advance();
    expect(t.video.getSnapshot().frame).toBe(1);
    t.press('space');
    expect(t.video.getSnapshot().playing).toBe(false);

    t.keys.down('space');
    const camera = t.editor.getSnapshot().camera;
    t.drag([100, 100], [150, 120]);
    t.keys.up('space');
    expect(t.video.getSnapshot().playing).toBe(false);
    expect(t.editor.getSnapshot().camera).toEqual({ ...camera, x: camera.x + 50, y: camera.y + 20 });
  });

  it('tags a frame range and edits segments: split, merge, re-cut from scores, each undoable', () => {
    const scores = Array.from({ length: 120 }, (_, f) => (f === 60 ? 1 : f === 90 ? 0.4 : 0.01));
    const t = new TestVideoEditor({ video: { tracks: [], frameTags: [], segments: { segments: [{ startFrame: 0, endFrame: 59, score: 0, tags: [] }, { startFrame: 60, endFrame: 119, score: 1, tags: [] }], threshold: 0.5, scores } } });
    t.video.tagFrames('car', [30, 20]);
    expect(t.committer.getVideo().frameTags[0]).toMatchObject({ classId: 'car', startFrame: 20, endFrame: 30 });

    t.goTo(100).press('shift+s');
    expect(t.committer.getVideo().segments!.segments.map((s) => [s.startFrame, s.endFrame])).toEqual([[0, 59], [60, 99], [100, 119]]);
    t.video.mergeSegmentWithNext(1);
    expect(t.committer.getVideo().segments!.segments).toHaveLength(2);
    t.video.toggleSegmentTag(1, 'night');
    t.video.recut(0.3);
    const cut = t.committer.getVideo().segments!;
    expect(cut.threshold).toBe(0.3);
    expect(cut.segments.map((s) => [s.startFrame, s.endFrame, s.tags])).toEqual([[0, 59, []], [60, 89, ['night']], [90, 119, ['night']]]);
    expect(cut.scores).toBe(scores);
    t.press('ctrl+z');
    expect(t.committer.getVideo().segments!.threshold).toBe(0.5);
    expect(t.committer.getVideo().segments!.scores).toBe(scores);
  });

  it('a class change on a track box (Ctrl+digit) applies to the whole track without adding a keyframe; a plain digit only picks the next box\'s class', () => {
    const t = new TestVideoEditor().goTo(0).draw({ x: 10, y: 10, w: 30, h: 30 }).press('t').goTo(20);
    t.press('3');
    expect(t.committer.getVideo().tracks[0]!.classId).toBe('car');
    expect(t.editor.getSnapshot().activeClassId).toBe('bike');
    t.press('ctrl+2');
    const [track] = t.committer.getVideo().tracks;
    expect(track!.classId).toBe('person');
    expect(track!.keyframes.map((k) => k.frame)).toEqual([0]);
    t.goTo(0);
    expect(t.shapes[0]!.classId).toBe('person');
  });

  it('frame keys are the one keymap\'s: rebinding one moves it, and F means "next frame" over "next item" only in a video', () => {
    const t = new TestVideoEditor();
    t.editor.setKeymap({ 'frame.next': ['g'] });
    t.press('g');
    expect(t.video.getSnapshot().frame).toBe(1);
    expect(t.keys.press('f').taken).toBe(true); // F is item.next again in the labeling session (no app here)
    expect(t.video.getSnapshot().frame).toBe(1);
    t.video.dispose();
    t.press('g');
    expect(t.video.getSnapshot().frame).toBe(1);
  });
});
