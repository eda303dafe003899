import type { Item } from '../../../core/model/item';
import type { Box } from '../../../core/model/shape';
import { createEditor } from '../createEditor';
import type { VideoState } from '../../document/videoChange';
import type { Modifiers } from '../types';
import { VideoController } from '../video/videoController';
import { KeyDriver } from './keyDriver';
import { MemoryCommitter } from './memoryCommitter';
import { testItem, testSchema } from './testEditor';

const NO_MODS: Modifiers = { shift: false, ctrl: false, alt: false, meta: false };

export function testVideoItem(frameCount = 120): Item {
  return { ...testItem(320, 240), kind: 'video', relPath: 'clip.mp4', video: { frameCount, fps: 30, durationSec: frameCount / 30, variableFrameRate: false, codec: 'h264', rotation: 0 } };
}

/**
 * Headless frame-labeling driver: an Editor over a FrameCommitter over an
 * in-memory document, camera at zoom 1 (screen = image), with a chained API.
 */
export class TestVideoEditor {
  readonly committer: MemoryCommitter;
  readonly video: VideoController;
  /** The keyboard, wired as the app is: the video's Space tap first, then the editor (whose dispatcher has the frame keys). */
  readonly keys: KeyDriver;

  constructor(options: { frameCount?: number; video?: VideoState } = {}) {
    let t = 1000;
    this.committer = new MemoryCommitter([], () => t++, options.video);
    const editor = createEditor({ committer: this.committer, labelSchema: testSchema, author: 'tester', now: () => t++ });
    editor.setViewport({ width: 320, height: 240 });
    this.video = new VideoController(editor, testVideoItem(options.frameCount), this.committer, { author: 'tester', now: () => t++ });
    editor.setCamera({ x: 0, y: 0, zoom: 1 });
    this.keys = new KeyDriver([this.video, editor]);
  }

  get editor() {
    return this.video.editor;
  }

  get shapes() {
    return this.editor.getSnapshot().shapes;
  }

  /** press('k'), press('ctrl+b'), press('space'). */
  press(chord: string): this {
    this.keys.press(chord);
    return this;
  }

  goTo(frame: number): this {
    this.video.setFrame(frame);
    return this;
  }

  draw(box: Box): this {
    this.editor.setTool('box');
    return this.drag([box.x, box.y], [box.x + box.w, box.y + box.h]);
  }

  drag(from: [number, number], to: [number, number]): this {
    const at = (x: number, y: number) => ({ x, y, button: 0, modifiers: NO_MODS });
    this.video.pointerDown();
    this.editor.pointerDown(at(...from));
    this.editor.pointerMove(at((from[0] + to[0]) / 2, (from[1] + to[1]) / 2));
    this.editor.pointerMove(at(...to));
    this.editor.pointerUp(at(...to));
    return this;
  }

  /** The one box on this frame (or the selected one). */
  box(): Box {
    const snap = this.editor.getSnapshot();
    const id = snap.selectedIds[0] ?? snap.shapes[0]?.id;
    const shape = snap.shapes.find((s) => s.id === id);
    if (!shape) throw new Error(`no box on frame ${this.video.getSnapshot().frame}`);
    return shape.box;
  }
}
