import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Box, Shape } from '../../../core/model/shape';
import { createEditor, type Editor } from '../createEditor';
import type { AppAction, Modifiers } from '../types';
import type { KeyChord } from '../keys/chord';
import { KeyDriver } from './keyDriver';
import { MemoryCommitter } from './memoryCommitter';

export const testSchema: LabelSchema = {
  classes: [
    { id: 'car', name: 'car', color: '#ff0000', attributes: [{ id: 'parked', name: 'parked', type: 'checkbox', default: false }] },
    { id: 'person', name: 'person', color: '#00ff00', attributes: [] },
    { id: 'bike', name: 'bike', color: '#0000ff', attributes: [{ id: 'kind', name: 'kind', type: 'select', options: ['road', 'mtb'] }] },
  ],
};

export function testItem(width = 1000, height = 800): Item {
  return { id: 'item1', projectId: 'proj1', kind: 'image', relPath: 'a.jpg', width, height, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };
}

export function testShape(id: string, box: Box, classId = 'car'): Shape {
  return { id, projectId: 'proj1', itemId: 'item1', kind: 'box', classId, box, attributes: classId === 'car' ? { parked: false } : {}, source: { kind: 'human' }, author: 'seed', createdAt: 0, updatedAt: 0, version: 1 };
}

export interface TestEditorOptions {
  shapes?: Shape[];
  image?: { width: number; height: number };
  viewport?: { width: number; height: number };
  keymap?: Partial<Record<string, KeyChord[]>>;
  schema?: LabelSchema;
}

type ModifierInput = Partial<Modifiers>;
const NO_MODS: Modifiers = { shift: false, ctrl: false, alt: false, meta: false };

/**
 * Headless driver with a chained API (tldraw-style). Coordinates are screen
 * pixels; the default camera is zoom 1 at the origin (image = screen) so tests
 * read naturally — call fit() for the fitted camera.
 */
export class TestEditor {
  readonly committer: MemoryCommitter;
  readonly editor: Editor;
  readonly appActions: AppAction[] = [];
  /** The keyboard: `t.keys.press('ctrl+1')`. */
  readonly keys: KeyDriver;
  private buttons = 0;
  private last = { x: 0, y: 0 };

  constructor(options: TestEditorOptions = {}) {
    const image = options.image ?? { width: 1000, height: 800 };
    let t = 1000;
    this.committer = new MemoryCommitter(options.shapes ?? [], () => t++);
    this.editor = createEditor({ committer: this.committer, labelSchema: options.schema ?? testSchema, keymap: options.keymap, author: 'tester', onAppAction: (a) => this.appActions.push(a), now: () => t++ });
    this.editor.setViewport(options.viewport ?? { width: 1000, height: 800 });
    this.editor.loadItem(testItem(image.width, image.height));
    this.editor.setCamera({ x: 0, y: 0, zoom: 1 });
    this.keys = new KeyDriver([this.editor]);
  }

  get snapshot() {
    return this.editor.getSnapshot();
  }

  get shapes(): readonly Shape[] {
    return this.snapshot.shapes;
  }

  shape(id: string): Shape {
    const s = this.snapshot.shapeIndex.get(id);
    if (!s) throw new Error(`no shape ${id}; have ${this.shapes.map((x) => x.id).join(', ')}`);
    return s;
  }

  pointerDown(x = this.last.x, y = this.last.y, options: { button?: number } & ModifierInput = {}): this {
    this.last = { x, y };
    this.buttons++;
    this.editor.pointerDown({ x, y, button: options.button ?? 0, modifiers: { ...NO_MODS, ...options } });
    return this;
  }

  pointerMove(x: number, y: number, mods: ModifierInput = {}): this {
    this.last = { x, y };
    this.editor.pointerMove({ x, y, button: 0, modifiers: { ...NO_MODS, ...mods } });
    return this;
  }

  pointerUp(x = this.last.x, y = this.last.y, options: { button?: number } & ModifierInput = {}): this {
    this.last = { x, y };
    this.buttons = Math.max(0, this.buttons - 1);
    this.editor.pointerUp({ x, y, button: options.button ?? 0, modifiers: { ...NO_MODS, ...options } });
    return this;
  }

  click(x: number, y: number, mods: ModifierInput = {}): this {
    return this.pointerDown(x, y, mods).pointerUp(x, y, mods);
  }

  drag(from: [number, number], to: [number, number], mods: ModifierInput = {}): this {
    return this.pointerDown(from[0], from[1], mods).pointerMove((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, mods).pointerMove(to[0], to[1], mods).pointerUp(to[0], to[1], mods);
  }

  wheel(x: number, y: number, deltaY: number): this {
    this.editor.wheel({ x, y, deltaX: 0, deltaY, modifiers: NO_MODS });
    return this;
  }

  /** press('n'), press('ctrl+z'), press('shift+1'): key down and up. */
  press(chord: string): this {
    this.keys.press(chord);
    return this;
  }

  /** keyDown('n'), keyDown('z', { ctrl: true }), keyDown(' '): the key as the event names it, through the key driver. */
  keyDown(key: string, mods: ModifierInput & { repeat?: boolean } = {}): this {
    this.keys.down(chordFor(key, mods), { repeat: mods.repeat });
    return this;
  }

  keyUp(key: string, mods: ModifierInput = {}): this {
    this.keys.up(chordFor(key, mods));
    return this;
  }

  fit(): this {
    this.editor.fitToScreen();
    return this;
  }

  expectToBeIn(state: string): this {
    if (this.snapshot.toolState !== state) throw new Error(`expected tool state ${state}, got ${this.snapshot.toolState}`);
    return this;
  }

  expectShapeCount(n: number): this {
    if (this.shapes.length !== n) throw new Error(`expected ${n} shapes, got ${this.shapes.length}`);
    return this;
  }

  expectSelected(ids: string[]): this {
    const got = [...this.snapshot.selectedIds];
    if (JSON.stringify(got) !== JSON.stringify(ids)) throw new Error(`expected selection ${JSON.stringify(ids)}, got ${JSON.stringify(got)}`);
    return this;
  }

  expectBox(id: string, box: Box): this {
    const got = this.shape(id).box;
    if (JSON.stringify(got) !== JSON.stringify(box)) throw new Error(`expected ${id} at ${JSON.stringify(box)}, got ${JSON.stringify(got)}`);
    return this;
  }
}

function chordFor(key: string, mods: ModifierInput): string {
  const name = key === ' ' ? 'space' : key.toLowerCase();
  return [...(['ctrl', 'alt', 'shift', 'meta'] as const).filter((m) => mods[m]), name].join('+');
}

export function createTestEditor(options: TestEditorOptions = {}): TestEditor {
  return new TestEditor(options);
}

/** Two boxes many tests start from: a (car) and b (person). */
export const BOX_A = { x: 100, y: 100, w: 100, h: 50 };
export const BOX_B = { x: 400, y: 300, w: 60, h: 60 };
export function createTwoBoxEditor(): TestEditor {
  return createTestEditor({ shapes: [testShape('a', BOX_A), testShape('b', BOX_B, 'person')] });
}
