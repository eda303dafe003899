import type { Box, Shape } from '../../core/model/shape';
import type { Item } from '../../core/model/item';
import type { LabelSchema, AttributeValue } from '../../core/model/labelSchema';

/**
 * The editor is headless: no React, no Konva, no IndexedDB. The canvas and the
 * panels read `EditorSnapshot` and feed input events in; the editor proposes
 * changes and a `ShapeCommitter` (renderer/document/shapeCommitter.ts; the
 * store implements it) commits them.
 */

/** screen = image * zoom + (x, y) */
export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export type ToolId = 'select' | 'box';

export interface Modifiers {
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
}

/** Pointer positions are in screen (canvas element) pixels; the editor maps them through the camera. */
export interface PointerInput {
  x: number;
  y: number;
  /** 0 left, 1 middle, 2 right */
  button: number;
  modifiers: Modifiers;
}

export interface WheelInput {
  x: number;
  y: number;
  deltaX: number;
  deltaY: number;
  modifiers: Modifiers;
}

export interface KeyInput {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.code, used for layout-independent bindings */
  code: string;
  modifiers: Modifiers;
  repeat: boolean;
}

export type HandleId = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';

/** What the interactive layer draws while a gesture is under way; the store is untouched until commit. */
export type Preview =
  | { kind: 'draw'; box: Box; classId: string }
  | { kind: 'transform'; shapeId: string; box: Box; handle: HandleId | 'move' }
  /** Moving several selected shapes at once: each listed shape is drawn at its preview box. */
  | { kind: 'translate'; boxes: readonly { shapeId: string; box: Box }[] }
  | null;

import type { ShapeIndexView } from './shapeIndex';

export interface EditorSnapshot {
  item: Item | null;
  labelSchema: LabelSchema;
  /**
   * Every shape in draw order; identity changes only when the shapes change.
   * Built on first read (O(shapes)): hot paths read `shapeIndex` instead.
   */
  shapes: readonly Shape[];
  /** The one spatial index of the shapes (lookup by id, viewport query, changed areas), shared with the canvas. */
  shapeIndex: ShapeIndexView;
  /** Bumped on every change of the shapes: the static layer redraws on it. */
  shapesVersion: number;
  selectedIds: readonly string[];
  preview: Preview;
  tool: ToolId;
  /** Dotted state path of the active tool, e.g. 'select.idle', 'select.translating', 'box.drawing'. */
  toolState: string;
  activeClassId: string | null;
  camera: Camera;
  viewport: Viewport;
  panning: boolean;
  /** Shape under the pointer when idle in the select tool (hover highlight). */
  hoveredId: string | null;
  /** CSS cursor the canvas should show: 'default', 'crosshair', 'grab', 'grabbing', 'move', 'nwse-resize', ... */
  cursor: string;
  canUndo: boolean;
  canRedo: boolean;
}

/** App-level actions the editor recognises from keys but the app performs (item navigation, overlays). */
export type AppAction = 'item.next' | 'item.prev' | 'help.toggle' | 'item.done' | 'prelabel.item';

/** Named editor actions; keys/labelingCommands.ts registers each (with the relabel commands) in the one keybinding registry. */
export type ActionId =
  | 'tool.box'
  | 'tool.select'
  | 'edit.undo'
  | 'edit.redo'
  | 'edit.delete'
  | 'edit.cancel'
  | 'view.fit'
  | 'view.zoomIn'
  | 'view.zoomOut'
  | 'select.all'
  | 'select.next'
  | 'edit.nudgeLeft'
  | 'edit.nudgeRight'
  | 'edit.nudgeUp'
  | 'edit.nudgeDown'
  | 'edit.nudgeLeftFar'
  | 'edit.nudgeRightFar'
  | 'edit.nudgeUpFar'
  | 'edit.nudgeDownFar'
  /** Accept the selected pending pre-labels as predicted. */
  | 'prelabel.accept'
  /** Accept every pending pre-label of the item scoring at least the editor's accept threshold. */
  | 'prelabel.acceptAll'
  /** Number keys: make the n-th class the class of the next box (the selection keeps its class). */
  | ClassSlotAction
  | AppAction;

export type ClassSlotAction = 'class.1' | 'class.2' | 'class.3' | 'class.4' | 'class.5' | 'class.6' | 'class.7' | 'class.8' | 'class.9';
