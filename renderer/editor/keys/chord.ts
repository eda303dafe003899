import type { KeyInput } from '../types';

/** e.g. 'n', 'ctrl+z', 'ctrl+shift+z', 'shift+1', 'escape', 'f1'. Lowercase, modifiers in order ctrl, alt, shift, meta. */
export type KeyChord = string;

const MODIFIER_ORDER = ['ctrl', 'alt', 'shift', 'meta'] as const;
type Mods = Record<(typeof MODIFIER_ORDER)[number], boolean>;

const DIGIT_CODE = /^Digit([0-9])$/;

/**
 * The chord a key event means. Cmd (meta) counts as Ctrl, so Cmd+Z undoes on
 * macOS. Digits are read from `code`, so Shift+1 is 'shift+1' (not '!') and
 * Alt+1 is 'alt+1' on every layout.
 */
export function chordOf(input: KeyInput): KeyChord {
  const m = input.modifiers;
  const digit = DIGIT_CODE.exec(input.code)?.[1];
  let key = digit ?? (input.key === ' ' ? 'space' : input.key.toLowerCase());
  if (key === 'spacebar') key = 'space';
  // Shift is already in a symbol's character ('?' is shift+'/'), so it is not part of the chord.
  const shiftInKey = digit === undefined && input.key.length === 1 && input.key.toLowerCase() === input.key.toUpperCase() && input.key !== ' ';
  return compose({ ctrl: m.ctrl || m.meta, alt: m.alt, shift: m.shift && !shiftInKey, meta: false }, key);
}

function compose(mods: Mods, key: string): KeyChord {
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
  const mods: Mods = { ctrl: false, alt: false, shift: false, meta: false };
  for (const p of parts) {
    const name = p === 'cmd' || p === 'control' ? 'ctrl' : p === 'option' ? 'alt' : p;
    if (!(name in mods)) throw new KeymapError(`"${chord}": unknown modifier "${p}"`);
    mods[name as keyof Mods] = true;
  }
  return compose(mods, key);
}

const KEY_NAMES: Record<string, string> = { arrowleft: '←', arrowright: '→', arrowup: '↑', arrowdown: '↓', escape: 'Esc', delete: 'Del' };

/** 'ctrl+shift+z' → 'Ctrl+Shift+Z' for the help overlay and button titles. */
export function formatChord(chord: KeyChord): string {
  return chord
    .split(/\+(?!$)/)
    .map((p) => KEY_NAMES[p] ?? (p.length === 1 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join('+');
}

/** Space is held for panning (and tapped to play video); it is not rebindable. */
export const RESERVED_CHORDS: readonly KeyChord[] = ['space'];
