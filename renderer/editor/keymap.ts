import type { ActionId, KeyChord, KeyInput, Keymap } from './types';

/** Defaults follow CVAT where it has a convention (N draws, F/D next/previous). */
export const defaultKeymap: Keymap = {
  'tool.box': ['n'],
  'tool.select': ['v'],
  'edit.undo': ['ctrl+z'],
  'edit.redo': ['ctrl+shift+z', 'ctrl+y'],
  'edit.delete': ['delete', 'backspace'],
  'edit.cancel': ['escape'],
  'edit.nudgeLeft': ['arrowleft'],
  'edit.nudgeRight': ['arrowright'],
  'edit.nudgeUp': ['arrowup'],
  'edit.nudgeDown': ['arrowdown'],
  'edit.nudgeLeftFar': ['shift+arrowleft'],
  'edit.nudgeRightFar': ['shift+arrowright'],
  'edit.nudgeUpFar': ['shift+arrowup'],
  'edit.nudgeDownFar': ['shift+arrowdown'],
  'select.all': ['ctrl+a'],
  'select.next': ['tab'],
  'class.1': ['1'],
  'class.2': ['2'],
  'class.3': ['3'],
  'class.4': ['4'],
  'class.5': ['5'],
  'class.6': ['6'],
  'class.7': ['7'],
  'class.8': ['8'],
  'class.9': ['9'],
  'view.fit': ['h', 'home'],
  'view.zoomIn': ['=', '+'],
  'view.zoomOut': ['-'],
  'item.next': ['f'],
  'item.prev': ['d'],
  'item.done': ['ctrl+enter'],
  'help.toggle': ['f1', '?'],
  // CVAT has no convention for model review; Enter/Shift+Enter sit next to Ctrl+Enter (done), Ctrl+L = "label".
  'prelabel.accept': ['enter'],
  'prelabel.acceptAll': ['shift+enter'],
  'prelabel.item': ['ctrl+l'],
};

export const actionDescriptions: Record<ActionId, string> = {
  'tool.box': 'Draw a new box',
  'tool.select': 'Select and move boxes',
  'edit.undo': 'Undo',
  'edit.redo': 'Redo',
  'edit.delete': 'Delete the selected boxes',
  'edit.cancel': 'Cancel the current drag, or clear the selection',
  'edit.nudgeLeft': 'Move the selection 1 px left',
  'edit.nudgeRight': 'Move the selection 1 px right',
  'edit.nudgeUp': 'Move the selection 1 px up',
  'edit.nudgeDown': 'Move the selection 1 px down',
  'edit.nudgeLeftFar': 'Move the selection 10 px left',
  'edit.nudgeRightFar': 'Move the selection 10 px right',
  'edit.nudgeUpFar': 'Move the selection 10 px up',
  'edit.nudgeDownFar': 'Move the selection 10 px down',
  'select.all': 'Select all boxes',
  'select.next': 'Select the next box',
  'class.1': 'Use class 1 (also for the selected boxes)',
  'class.2': 'Use class 2 (also for the selected boxes)',
  'class.3': 'Use class 3 (also for the selected boxes)',
  'class.4': 'Use class 4 (also for the selected boxes)',
  'class.5': 'Use class 5 (also for the selected boxes)',
  'class.6': 'Use class 6 (also for the selected boxes)',
  'class.7': 'Use class 7 (also for the selected boxes)',
  'class.8': 'Use class 8 (also for the selected boxes)',
  'class.9': 'Use class 9 (also for the selected boxes)',
  'view.fit': 'Fit the image to the screen',
  'view.zoomIn': 'Zoom in',
  'view.zoomOut': 'Zoom out',
  'item.next': 'Next item',
  'item.prev': 'Previous item',
  'item.done': 'Mark the item done',
  'help.toggle': 'Show or hide this help',
  'prelabel.accept': 'Accept the selected pre-label as predicted',
  'prelabel.acceptAll': 'Accept all pre-labels at or above the accept threshold',
  'prelabel.item': 'Pre-label this item with the project’s model',
};

/** Sections of the help overlay, in display order. */
export const actionGroups: { title: string; actions: ActionId[] }[] = [
  { title: 'Tools', actions: ['tool.box', 'tool.select'] },
  { title: 'Edit', actions: ['edit.undo', 'edit.redo', 'edit.delete', 'edit.cancel', 'select.all', 'select.next'] },
  { title: 'Move', actions: ['edit.nudgeLeft', 'edit.nudgeRight', 'edit.nudgeUp', 'edit.nudgeDown', 'edit.nudgeLeftFar', 'edit.nudgeRightFar', 'edit.nudgeUpFar', 'edit.nudgeDownFar'] },
  { title: 'Classes', actions: ['class.1', 'class.2', 'class.3', 'class.4', 'class.5', 'class.6', 'class.7', 'class.8', 'class.9'] },
  { title: 'View', actions: ['view.fit', 'view.zoomIn', 'view.zoomOut'] },
  { title: 'Items', actions: ['item.next', 'item.prev', 'item.done', 'help.toggle'] },
  { title: 'Pre-labels', actions: ['prelabel.item', 'prelabel.accept', 'prelabel.acceptAll'] },
];

/** Held for panning; not rebindable. */
export const RESERVED_CHORDS: readonly KeyChord[] = ['space'];

const MODIFIER_ORDER = ['ctrl', 'alt', 'shift', 'meta'] as const;

/** The chord a key event means. Cmd (meta) counts as Ctrl, so Cmd+Z undoes on macOS. */
export function chordOf(input: KeyInput): KeyChord {
  const m = input.modifiers;
  let key = input.key === ' ' ? 'space' : input.key.toLowerCase();
  if (key === 'spacebar') key = 'space';
  // Shift is already in a symbol's character ('?' is shift+'/'), so it is not part of the chord.
  const shiftInKey = input.key.length === 1 && input.key.toLowerCase() === input.key.toUpperCase() && input.key !== ' ';
  const ctrl = m.ctrl || m.meta;
  return compose({ ctrl, alt: m.alt, shift: m.shift && !shiftInKey, meta: false }, key);
}

function compose(mods: Record<(typeof MODIFIER_ORDER)[number], boolean>, key: string): KeyChord {
  return [...MODIFIER_ORDER.filter((m) => mods[m]), key].join('+');
}

export class KeymapError extends Error {
  override name = 'KeymapError';
}

/** Canonical form of a user-written chord ('Shift+Ctrl+Z' → 'ctrl+shift+z'); throws on nonsense. */
export function normalizeChord(chord: string): KeyChord {
  const raw = chord.trim().toLowerCase();
  // '+' as the key itself: 'ctrl++' or '+'.
  const plusKey = raw.endsWith('++') || raw === '+';
  const parts = (plusKey ? raw.slice(0, -1) : raw).split('+').filter((p) => p !== '');
  const key = plusKey ? '+' : parts.pop();
  if (!key) throw new KeymapError(`"${chord}" has no key`);
  const mods = { ctrl: false, alt: false, shift: false, meta: false };
  for (const p of parts) {
    const name = p === 'cmd' || p === 'control' ? 'ctrl' : p === 'option' ? 'alt' : p;
    if (!(name in mods)) throw new KeymapError(`"${chord}": unknown modifier "${p}"`);
    mods[name as keyof typeof mods] = true;
  }
  return compose(mods, key);
}

/** 'ctrl+shift+z' → 'Ctrl+Shift+Z' for the help overlay. */
export function formatChord(chord: KeyChord): string {
  const names: Record<string, string> = { arrowleft: '←', arrowright: '→', arrowup: '↑', arrowdown: '↓', escape: 'Esc', delete: 'Del' };
  return chord
    .split(/\+(?!$)/)
    .map((p) => names[p] ?? (p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join('+');
}

export interface KeymapConflict {
  chord: KeyChord;
  actions: ActionId[];
}

export function findKeymapConflicts(keymap: Keymap): KeymapConflict[] {
  const owners = new Map<KeyChord, ActionId[]>();
  for (const [action, chords] of Object.entries(keymap) as [ActionId, KeyChord[]][]) {
    for (const c of new Set(chords.map(normalizeChord))) owners.set(c, [...(owners.get(c) ?? []), action]);
  }
  return [...owners].filter(([, a]) => a.length > 1).map(([chord, actions]) => ({ chord, actions }));
}

export class KeymapConflictError extends KeymapError {
  override name = 'KeymapConflictError';
  constructor(readonly conflicts: KeymapConflict[]) {
    super(`keymap conflicts: ${conflicts.map((c) => `"${c.chord}" is bound to ${c.actions.join(' and ')}`).join('; ')}`);
  }
}

/** Saved (possibly partial, possibly old) keymap over the defaults, normalised and checked. */
export function mergeKeymap(overrides: Partial<Record<string, KeyChord[]>> = {}): Keymap {
  const merged: Keymap = { ...defaultKeymap };
  for (const [action, chords] of Object.entries(overrides)) {
    if (!(action in defaultKeymap)) throw new KeymapError(`unknown action "${action}"`);
    if (!Array.isArray(chords)) throw new KeymapError(`${action}: expected a list of key chords`);
    merged[action as ActionId] = chords.map(normalizeChord);
  }
  for (const [action, chords] of Object.entries(merged)) {
    const reserved = chords.find((c) => RESERVED_CHORDS.includes(c));
    if (reserved) throw new KeymapError(`${action}: "${reserved}" is reserved for panning`);
  }
  const conflicts = findKeymapConflicts(merged);
  if (conflicts.length) throw new KeymapConflictError(conflicts);
  return merged;
}

/** chord → action, for dispatch. */
export function chordLookup(keymap: Keymap): Map<KeyChord, ActionId> {
  const out = new Map<KeyChord, ActionId>();
  for (const [action, chords] of Object.entries(keymap) as [ActionId, KeyChord[]][]) for (const c of chords) out.set(normalizeChord(c), action);
  return out;
}
