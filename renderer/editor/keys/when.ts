/**
 * When-clauses, as in VS Code: a command's `when` names the contexts that
 * must be active for its keys to mean it, joined with '&&' (a term may be
 * negated with '!'). The contexts:
 *
 * - `editor`   the box editor has the keyboard (image, video frame or review)
 * - `labeling` a labeling session (item navigation, pre-labels, help)
 * - `video`    a video item is open (frames, tracks, shots)
 * - `review`   reviewer mode on a disputed item
 *
 * Which contexts are active together is fixed by the MODES below, so
 * whether two bindings can ever meet is known exactly.
 */
export type KeyContext = 'editor' | 'labeling' | 'video' | 'review';

export interface KeyMode {
  id: 'image' | 'video' | 'review';
  title: string;
  contexts: readonly KeyContext[];
}

export const KEY_MODES: readonly KeyMode[] = [
  { id: 'image', title: 'Labeling images', contexts: ['editor', 'labeling'] },
  { id: 'video', title: 'Labeling video', contexts: ['editor', 'labeling', 'video'] },
  { id: 'review', title: 'Reviewer mode', contexts: ['editor', 'review'] },
];

interface Term {
  context: string;
  negated: boolean;
}

function termsOf(when: string): Term[] {
  return when
    .split('&&')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => (t.startsWith('!') ? { context: t.slice(1).trim(), negated: true } : { context: t, negated: false }));
}

export function whenHolds(when: string, active: ReadonlySet<string>): boolean {
  return termsOf(when).every((t) => active.has(t.context) !== t.negated);
}

/**
 * How specific a clause is: its number of positive terms. Where two bindings
 * of one chord are both active, the more specific one wins (F in video is
 * "next frame", not "next item"): that is shadowing by design, not a conflict.
 */
export function specificity(when: string): number {
  return termsOf(when).filter((t) => !t.negated).length;
}

/** The modes in which both clauses hold. */
export function sharedModes(a: string, b: string): KeyMode[] {
  return KEY_MODES.filter((m) => {
    const active = new Set<string>(m.contexts);
    return whenHolds(a, active) && whenHolds(b, active);
  });
}
