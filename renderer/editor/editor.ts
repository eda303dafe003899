import type { Item } from '../../core/model/item';
import type { AttributeValue, LabelSchema } from '../../core/model/labelSchema';
import type { Camera, KeyInput, PointerInput, Viewport, WheelInput } from './types';
import type { ShapeCommitter } from '../document/shapeCommitter';
import * as cam from './camera';
import { KeyDispatcher } from './keys/dispatcher';
import type { KeyChord } from './keys/chord';
import { labelingCommands, type EditorCommandId } from './keys/labelingCommands';
import type { Keymap } from './keys/registry';
import { classById } from './shapeEdits';
import { attributesChange, deleteChange, nudgeChange, setClassChange } from './editCommands';
import { runAction, runClassHotkey } from './actions';
import { acceptAllAboveChange, acceptChange } from './prelabel/reviewCommands';
import { EditorBase, type EditorOptions } from './editorBase';

export type { EditorOptions } from './editorBase';

/** The headless editor: inputs and commands over EditorBase's state. See README.md. */
export class Editor extends EditorBase {
  /** The one keyboard dispatcher of this editor's screen; video and reviewer mode add their layers to it. */
  readonly keys: KeyDispatcher;
  /** Score from which "accept all" takes pending pre-labels; the UI sets it from its control. */
  private acceptThreshold = 0.5;

  constructor(options: EditorOptions) {
    super(options);
    this.keys = new KeyDispatcher(options.keymap);
    this.keys.addLayer({ contexts: options.keyContexts ?? ['editor', 'labeling'], commands: labelingCommands, run: (id) => this.runAction(id as EditorCommandId) });
  }

  // ---- inputs -------------------------------------------------------------

  pointerDown(input: PointerInput): void {
    if (input.button === 1 || (input.button === 0 && this.spaceHeld)) {
      this.panDrag = { x: input.x, y: input.y };
      this.update({ panning: true, cursor: 'grabbing' });
      return;
    }
    this.tool.current.onPointerDown(this.pointer(input));
  }

  pointerMove(input: PointerInput): void {
    if (this.panDrag) {
      this.panBy(input.x - this.panDrag.x, input.y - this.panDrag.y);
      this.panDrag = { x: input.x, y: input.y };
      return;
    }
    this.tool.current.onPointerMove(this.pointer(input));
  }

  pointerUp(input: PointerInput): void {
    if (this.panDrag) {
      this.panDrag = null;
      this.update({ panning: this.spaceHeld, cursor: this.spaceHeld ? 'grab' : this.tool.current.cursor() });
      return;
    }
    this.tool.current.onPointerUp(this.pointer(input));
  }

  wheel(input: WheelInput): void {
    this.zoomAt(input.x, input.y, cam.wheelZoomFactor(input.deltaY));
  }

  /** Returns true when the key was the editor's (the caller then prevents the browser default). */
  keyDown(input: KeyInput): boolean {
    if (input.key === ' ' || input.code === 'Space') {
      if (!this.spaceHeld) {
        this.spaceHeld = true;
        this.update({ panning: true, cursor: this.panDrag ? 'grabbing' : 'grab' });
      }
      return true;
    }
    const m = input.modifiers;
    return this.keys.keyDown(input) || runClassHotkey(this, input.key, !(m.ctrl || m.alt || m.meta));
  }

  keyUp(input: KeyInput): void {
    if ((input.key === ' ' || input.code === 'Space') && this.spaceHeld) {
      this.spaceHeld = false;
      if (!this.panDrag) this.update({ panning: false, cursor: this.tool.current.cursor() });
    }
  }

  /** The window lost focus: keys may have been released unseen. */
  blur(): void {
    this.spaceHeld = false;
    this.panDrag = null;
    this.cancelGesture();
    this.update({ panning: false });
  }

  runAction(action: EditorCommandId): void {
    runAction(this, action, this.options.onAppAction);
  }

  // ---- commands -----------------------------------------------------------

  /** Opens an item; `committer` switches to that item's document. Keeps tool, class and keymap; fits the camera. */
  loadItem(item: Item, committer?: ShapeCommitter): void {
    this.cancelGesture();
    if (committer && committer !== this.committer) {
      this.unsubscribeCommitter();
      this.committer = committer;
      this.unsubscribeCommitter = committer.subscribe((applied) => this.syncShapes(applied));
    }
    this.update({ item, selectedIds: [], hoveredId: null, preview: null });
    this.syncShapes();
    this.fitToScreen();
  }

  setLabelSchema(labelSchema: LabelSchema): void {
    const active = classById(labelSchema, this.snap.activeClassId) ? this.snap.activeClassId : (labelSchema.classes[0]?.id ?? null);
    this.update({ labelSchema, activeClassId: active });
  }

  setActiveClass(classId: string): void {
    if (!classById(this.snap.labelSchema, classId)) throw new Error(`setActiveClass: class "${classId}" is not in the label schema`);
    this.update({ activeClassId: classId });
  }

  setCamera(camera: Camera): void {
    this.update({ camera: { x: camera.x, y: camera.y, zoom: cam.clampZoom(camera.zoom) } });
  }

  setViewport(viewport: Viewport): void {
    const first = this.snap.viewport.width === 0 || this.snap.viewport.height === 0;
    this.update({ viewport });
    if (first && this.snap.item) this.fitToScreen();
  }

  fitToScreen(): void {
    const item = this.snap.item;
    this.update({ camera: item ? cam.fitCamera(this.snap.viewport, item.width, item.height) : { x: 0, y: 0, zoom: 1 } });
  }

  zoomAt(screenX: number, screenY: number, factor: number): void {
    this.update({ camera: cam.zoomAt(this.snap.camera, screenX, screenY, factor) });
  }

  zoomBy(factor: number): void {
    this.zoomAt(this.snap.viewport.width / 2, this.snap.viewport.height / 2, factor);
  }

  panBy(dx: number, dy: number): void {
    this.update({ camera: cam.panBy(this.snap.camera, dx, dy) });
  }

  selectAll(): void {
    this.select(this.snap.shapes.map((s) => s.id));
  }

  /** Tab: the shape after the last selected one, in draw order. */
  selectNext(): void {
    const shapes = this.snap.shapes;
    if (shapes.length === 0) return;
    const last = this.snap.selectedIds.at(-1);
    const i = last ? shapes.findIndex((s) => s.id === last) : -1;
    this.select([shapes[(i + 1) % shapes.length]!.id]);
  }

  deleteSelected(): void {
    this.apply(deleteChange(this.selectedShapes()));
  }

  setClassOfSelected(classId: string): void {
    this.apply(setClassChange(this.selectedShapes(), this.snap.labelSchema, classId, this.stamp()));
  }

  setAttributes(shapeId: string, values: Record<string, AttributeValue>): void {
    const shape = this.index.get(shapeId);
    if (!shape) throw new Error(`setAttributes: shape ${shapeId} is not in the open item`);
    this.apply(attributesChange(shape, this.snap.labelSchema, values, this.stamp()));
  }

  nudgeSelected(dx: number, dy: number): void {
    const item = this.snap.item;
    if (item) this.apply(nudgeChange(this.selectedShapes(), dx, dy, item, this.stamp()));
  }

  /** Enter: the selected pending pre-labels become accepted, as predicted. */
  acceptSelected(): void {
    this.apply(acceptChange(this.selectedShapes(), this.stamp()));
  }

  /** Accepts every pending pre-label of the item scoring at least `threshold` (default: the accept threshold) in one step. */
  acceptAllAbove(threshold: number = this.acceptThreshold): void {
    this.apply(acceptAllAboveChange(this.snap.shapes, threshold, this.stamp()));
  }

  setAcceptThreshold(threshold: number): void {
    if (!(threshold >= 0 && threshold <= 1)) throw new Error(`setAcceptThreshold: ${threshold} is not between 0 and 1`);
    this.acceptThreshold = threshold;
  }

  getAcceptThreshold(): number {
    return this.acceptThreshold;
  }

  undo(): void {
    this.cancelGesture();
    this.committer.undo();
  }

  redo(): void {
    this.cancelGesture();
    this.committer.redo();
  }

  /** Esc: a gesture goes back to its mark; otherwise the selection clears; otherwise back to the select tool. */
  cancel(): void {
    if (this.tool.current.isGesture) this.tool.current.onCancel();
    else if (this.snap.selectedIds.length) this.select([]);
    else if (this.snap.tool !== 'select') this.setTool('select');
  }

  /** The user's rebindings over the defaults; throws KeymapConflictError naming each conflict (the old keymap stays). */
  setKeymap(keymap: Partial<Record<string, readonly KeyChord[]>>): void {
    this.keys.setKeymap(keymap);
  }

  getKeymap(): Keymap {
    return this.keys.getKeymap();
  }

  dispose(): void {
    this.unsubscribeCommitter();
    this.listeners.clear();
  }
}
