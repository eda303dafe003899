import type { KeyInput, Modifiers } from '../types';
import { normalizeChord } from '../keys/chord';

/** What a window key listener feeds: the editor, or a mode's own key handler (the video's Space tap). */
export interface KeyTarget {
  keyDown(input: KeyInput): boolean | void;
  keyUp(input: KeyInput): void;
}

const NAMED: Record<string, [key: string, code: string]> = {
  space: [' ', 'Space'],
  tab: ['Tab', 'Tab'],
  enter: ['Enter', 'Enter'],
  escape: ['Escape', 'Escape'],
  delete: ['Delete', 'Delete'],
  backspace: ['Backspace', 'Backspace'],
  home: ['Home', 'Home'],
  arrowleft: ['ArrowLeft', 'ArrowLeft'],
  arrowright: ['ArrowRight', 'ArrowRight'],
  arrowup: ['ArrowUp', 'ArrowUp'],
  arrowdown: ['ArrowDown', 'ArrowDown'],
  '[': ['[', 'BracketLeft'],
  ']': [']', 'BracketRight'],
  '=': ['=', 'Equal'],
  '+': ['+', 'Equal'],
  '-': ['-', 'Minus'],
  '?': ['?', 'Slash'],
};
/** What Shift+digit types on a US keyboard: the chord is read from `code`, so a test must send the real character. */
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** The KeyboardEvent fields a browser sends for a chord ('ctrl+1', 'shift+tab', 'k', 'space') on a US layout. */
export function keyInput(chord: string, options: { repeat?: boolean } = {}): KeyInput {
  const parts = normalizeChord(chord).split(/\+(?!$)/);
  const name = parts.pop()!;
  const modifiers: Modifiers = { shift: false, ctrl: false, alt: false, meta: false };
  for (const m of parts) modifiers[m as keyof Modifiers] = true;
  let key: string;
  let code: string;
  if (NAMED[name]) [key, code] = NAMED[name];
  else if (/^[0-9]$/.test(name)) [key, code] = [modifiers.shift ? SHIFTED_DIGITS[Number(name)]! : name, `Digit${name}`];
  else if (/^[a-z]$/.test(name)) [key, code] = [modifiers.shift ? name.toUpperCase() : name, `Key${name.toUpperCase()}`];
  else if (/^f[0-9]+$/.test(name)) [key, code] = [name.toUpperCase(), name.toUpperCase()];
  else throw new Error(`keyInput: no key for "${chord}"`);
  return { key, code, modifiers, repeat: options.repeat ?? false };
}

/**
 * The one headless keyboard of the tests, for every mode: `press('ctrl+1')`
 * sends the key down then up to the targets in the order the app's window
 * listeners see them; a target that takes the key down (returns true) stops
 * it, as `preventDefault` does for the next listener.
 */
export class KeyDriver {
  /** Whether the last key down was taken by a target. */
  taken = false;

  constructor(private readonly targets: readonly KeyTarget[]) {}

  down(chord: string, options: { repeat?: boolean } = {}): this {
    const input = keyInput(chord, options);
    this.taken = false;
    for (const t of this.targets) {
      if (t.keyDown(input) === true) {
        this.taken = true;
        break;
      }
    }
    return this;
  }

  up(chord: string): this {
    const input = keyInput(chord);
    for (const t of this.targets) t.keyUp(input);
    return this;
  }

  press(chord: string, options: { repeat?: boolean } = {}): this {
    return this.down(chord, options).up(chord);
  }
}
