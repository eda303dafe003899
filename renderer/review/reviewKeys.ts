import type { KeyInput } from '../editor/types';
import { REASON_KEYS, type VerdictReason } from './reviewTypes';

/** Annotators reachable by letter: A–G (later letters are other commands or the editor's). */
export const ANNOTATOR_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

export type ReviewCommand =
  | { kind: 'take'; annotator: number }
  | { kind: 'merged' }
  | { kind: 'drop' }
  /** Draw the current object's box again (the editor's box tool). */
  | { kind: 'redraw' }
  | { kind: 'step'; by: 1 | -1 }
  | { kind: 'reason'; reason: VerdictReason }
  | { kind: 'toggle'; annotator: number }
  | { kind: 'class'; by: 1 | -1 }
  | { kind: 'submit' };

/** The keys of reviewer mode, for the help table. */
export const REVIEW_KEY_HELP: readonly [string, string][] = [
  ['A … G', "take annotator A's … G's shape"],
  ['M', 'take the merged shape'],
  ['X', 'drop the object (not an object)'],
  ['R', 'redraw the object (drag a box)'],
  ['N', 'draw an object the annotators missed'],
  ['Tab / Shift+Tab', 'next / previous object'],
  ['0 … 4', 'reason: ok, wrong class, loose box, missed object, extra object'],
  ['[ / ]', 'previous / next class for the object'],
  ['Shift+1 … 9', "show or hide annotator 1 … 9's shapes"],
  ['Enter', 'sign and submit the verdict'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo'],
];

const DIGIT = /^Digit([0-9])$/;

/**
 * The reviewer-mode command a key means, or null to leave the key to the
 * editor (pan, zoom, undo, the box tool's N, Esc). Digits are read from
 * `code`, so Shift+1 is the same on every keyboard layout.
 */
export function reviewCommandOf(input: KeyInput): ReviewCommand | null {
  const { ctrl, alt, meta, shift } = input.modifiers;
  if (ctrl || alt || meta) return null;
  const digit = DIGIT.exec(input.code)?.[1] ?? (/^[0-9]$/.test(input.key) ? input.key : undefined);
  if (digit !== undefined) {
    const n = Number(digit);
    if (shift) return n >= 1 ? { kind: 'toggle', annotator: n - 1 } : null;
    const reason = REASON_KEYS[n];
    return reason ? { kind: 'reason', reason } : null;
  }
  if (input.key === 'Tab') return { kind: 'step', by: shift ? -1 : 1 };
  if (shift) return null;
  const key = input.key.toLowerCase();
  const letter = ANNOTATOR_KEYS.indexOf(key as (typeof ANNOTATOR_KEYS)[number]);
  if (letter >= 0) return { kind: 'take', annotator: letter };
  switch (key) {
    case 'm':
      return { kind: 'merged' };
    case 'x':
      return { kind: 'drop' };
    case 'r':
      return { kind: 'redraw' };
    case '[':
      return { kind: 'class', by: -1 };
    case ']':
      return { kind: 'class', by: 1 };
    case 'enter':
      return { kind: 'submit' };
    default:
      return null;
  }
}
