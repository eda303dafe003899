import type { Box, Shape } from '../../core/model/shape';
import type { EditorSnapshot, PointerInput, Preview, ToolId } from './types';
import type { ShapeChange } from '../document/shapeChange';
import type { ShapeCommitter } from '../document/shapeCommitter';
import * as cam from './camera';
import { ToolMachine } from './stateNode';
import type { ToolContext, ToolPointer } from './toolContext';
import { selectToolStates } from './tools/select/selectTool';
import { boxToolStates } from './tools/box/boxTool';
import { ShapeIndex } from './shapeIndex';
import { hitHandle } from './handles';
import { classById, edited, newBoxShape, type EditStamp } from './shapeEdits';
import type { LabeledChange } from './editCommands';
import { reviewAfterEdit } from './prelabel/reviewCommands';
import type { DocumentDiff } from '../document/documentDiff';
import { lazyShapes, nextSnapshot, type LazyShapes } from './lazyShapes';
import type { LabelSchema } from '../../core/model/labelSchema';
import type { AppAction } from './types';
import type { KeyChord } from './keys/chord';
import type { KeyContext } from './keys/when';

/** Screen px of slack when hitting a box edge with the pointer. */
const SHAPE_HIT_PX = 3;

export interface EditorOptions {
  committer: ShapeCommitter;
  labelSchema: LabelSchema;
  /** The user's rebindings (keymap.ts `loadKeymap` / `overridesOf`), over the registry's defaults. */
  keymap?: Partial<Record<string, readonly KeyChord[]>>;
  /** Key contexts the editor turns on (keys/when.ts): 'editor' and 'labeling' by default; reviewer mode has no labeling session. */
  keyContexts?: readonly KeyContext[];
  author: string;
  onAppAction?: (action: AppAction) => void;
  now?: () => number;
}

/**
 * The editor's state: the snapshot, the committer link, the spatial index
 * and the tools, plus the ToolContext the tool states act through. Inputs
 * and commands live in editor.ts.
 */
export class EditorBase {
  protected snap: EditorSnapshot;
  protected readonly listeners = new Set<() => void>();
  protected committer: ShapeCommitter;
  protected unsubscribeCommitter: () => void;
  protected readonly index = new ShapeIndex();
  protected readonly tools: Record<ToolId, ToolMachine>;
  protected spaceHeld = false;
  protected panDrag: cam.Point | null = null;
  private readonly ctx: ToolContext;
  private shapeList: LazyShapes = lazyShapes(() => []);

  constructor(protected readonly options: EditorOptions) {
    this.committer = options.committer;
    this.ctx = this.toolContext();
    const onToolChange = () => this.update({ toolState: this.tool.path });
    this.tools = { select: new ToolMachine('select', this.ctx, selectToolStates, onToolChange), box: new ToolMachine('box', this.ctx, boxToolStates, onToolChange) };
    this.snap = {
      item: null, labelSchema: options.labelSchema, shapes: [], shapeIndex: this.index, shapesVersion: 0, selectedIds: [], preview: null, tool: 'select', toolState: 'select.idle',
      activeClassId: options.labelSchema.classes[0]?.id ?? null, camera: { x: 0, y: 0, zoom: 1 }, viewport: { width: 0, height: 0 },
      panning: false, hoveredId: null, cursor: 'default', canUndo: false, canRedo: false,
    };
    this.unsubscribeCommitter = this.committer.subscribe((applied) => this.syncShapes(applied));
  }

  readonly getSnapshot = (): EditorSnapshot => this.snap;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  select(ids: readonly string[]): void {
    const valid = [...new Set(ids)].filter((id) => this.index.get(id));
    this.update({ selectedIds: valid });
  }

  setTool(tool: ToolId): void {
    if (tool === this.snap.tool) return;
    this.tool.reset();
    this.update({ tool, toolState: this.tools[tool].path, hoveredId: null, cursor: this.tools[tool].current.cursor() });
  }

  /** Ends any gesture without committing; edits call this first so they never mix with a half-done drag. */
  cancelGesture(): void {
    if (this.tool.current.isGesture) this.tool.current.onCancel();
  }

  protected get tool(): ToolMachine {
    return this.tools[this.snap.tool];
  }

  protected selectedShapes(): Shape[] {
    return this.snap.selectedIds.flatMap((id) => this.index.get(id) ?? []);
  }

  protected stamp(): EditStamp {
    return { author: this.options.author, now: (this.options.now ?? Date.now)() };
  }

  protected apply(labeled: LabeledChange): void {
    if (!labeled) return;
    this.cancelGesture();
    this.commit(labeled.change, labeled.label);
  }

  /** Every user change goes through here: puts of existing shapes not yet stamped get author, time and version. */
  protected commit(change: ShapeChange, label: string): void {
    const stamp = this.stamp();
    const put = change.put.map((s) => {
      const stored = this.index.get(s.id);
      if (!stored) return s;
      const next = reviewAfterEdit(stored, s);
      return stored.version === next.version ? edited(next, {}, stamp) : next;
    });
    this.committer.commit({ put, remove: change.remove }, { history: true, label });
  }

  /** After a change of the committer's shapes: with the applied diff only its shapes are re-indexed. */
  protected syncShapes(applied?: DocumentDiff): void {
    const before = this.index.version;
    if (!applied) this.index.resync(this.committer.getShapes());
    else if (applied.shape) this.index.apply(applied.shape);
    if (this.index.version !== before) {
      const committer = this.committer;
      this.shapeList = lazyShapes(() => committer.getShapes());
    }
    const selectedIds = this.snap.selectedIds.filter((id) => this.index.get(id));
    this.update({
      shapesVersion: this.index.version,
      selectedIds: selectedIds.length === this.snap.selectedIds.length ? this.snap.selectedIds : selectedIds,
      hoveredId: this.snap.hoveredId && this.index.get(this.snap.hoveredId) ? this.snap.hoveredId : null,
      canUndo: this.committer.canUndo(),
      canRedo: this.committer.canRedo(),
    });
  }

  protected pointer(input: PointerInput): ToolPointer {
    return { screen: { x: input.x, y: input.y }, image: cam.screenToImage(this.snap.camera, input.x, input.y), input };
  }

  protected update(patch: Partial<EditorSnapshot>): void {
    let changed = false;
    for (const k of Object.keys(patch) as (keyof EditorSnapshot)[]) if (patch[k] !== this.snap[k]) changed = true;
    if (!changed) return;
    this.snap = nextSnapshot(this.snap, patch, this.shapeList);
    for (const l of this.listeners) l();
  }

  private toolContext(): ToolContext {
    return {
      snapshot: () => this.snap,
      shapeById: (id) => this.index.get(id),
      hitShape: (p) => this.index.hitTest(p.x, p.y, SHAPE_HIT_PX / this.snap.camera.zoom),
      hitSelectedHandle: (screen) => {
        if (this.snap.selectedIds.length !== 1) return null;
        const shape = this.index.get(this.snap.selectedIds[0]!);
        const handle = shape ? hitHandle(shape.box, this.snap.camera, screen.x, screen.y) : null;
        return shape && handle ? { shapeId: shape.id, handle } : null;
      },
      imageSize: () => this.snap.item,
      select: (ids) => this.select(ids),
      setPreview: (preview: Preview) => this.update({ preview }),
      setHover: (hoveredId) => this.update({ hoveredId }),
      setCursor: (cursor) => this.update({ cursor: this.spaceHeld ? 'grab' : cursor }),
      commit: (change, label) => this.commit(change, label),
      newBoxShape: (box: Box) => {
        const cls = classById(this.snap.labelSchema, this.snap.activeClassId);
        return cls && this.snap.item ? newBoxShape(this.snap.item, cls, box, this.stamp()) : null;
      },
      activeClassId: () => this.snap.activeClassId,
      switchTool: (tool) => this.setTool(tool),
    };
  }
}
