import type { KeyLayer } from '../editor/keys/dispatcher';
import { formatChord } from '../editor/keys/chord';
import { ANNOTATOR_KEYS, reviewCommands, type AnnotatorLetter, type ReviewCommandId } from '../editor/keys/reviewCommands';
import type { ReviewSession } from './reviewSession';
import { runReviewCommand, type ReviewCommandContext } from './runReviewCommand';
import { REASON_KEYS, REASON_LABELS, type VerdictReason } from './reviewTypes';

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
  /** Video items: the current track's object leaves or comes back from this frame on. */
  | { kind: 'outside' }
  /** Video items: move `by` frames. */
  | { kind: 'frame'; by: number }
  | { kind: 'submit' };

/** Frames a frame key moves. */
export const FRAME_STEPS = { frameNext: 1, framePrev: -1, frameForward: 10, frameBack: -10 } as const;

/** The reviewer-mode command a registry command id means. */
export function reviewCommandOf(id: ReviewCommandId): ReviewCommand {
  const [, kind, arg] = id.split('.') as [string, string, string | undefined];
  switch (kind) {
    case 'take':
      return { kind: 'take', annotator: ANNOTATOR_KEYS.indexOf(arg as AnnotatorLetter) };
    case 'reason':
      return { kind: 'reason', reason: arg as VerdictReason };
    case 'toggle':
      return { kind: 'toggle', annotator: Number(arg) - 1 };
    case 'next':
    case 'prev':
      return { kind: 'step', by: kind === 'next' ? 1 : -1 };
    case 'classPrev':
    case 'classNext':
      return { kind: 'class', by: kind === 'classNext' ? 1 : -1 };
    case 'frameNext':
    case 'framePrev':
    case 'frameForward':
    case 'frameBack':
      return { kind: 'frame', by: FRAME_STEPS[kind] };
    case 'merged':
    case 'drop':
    case 'redraw':
    case 'outside':
    case 'submit':
      return { kind };
  }
  throw new Error(`${id} is not a reviewer command`);
}

export function isReviewCommand(id: string): id is ReviewCommandId {
  return id.startsWith('review.');
}

export interface ReviewKeyOptions extends ReviewCommandContext {
  /** False once the verdict is submitted: Enter then goes on to the editor. */
  canSubmit(): boolean;
  /** Runs a command, showing a ReviewError in words (the view's error line). */
  act(run: () => void): void;
}

/** Reviewer mode's part of the editor's dispatcher: add it with `editor.keys.addLayer(…)` while the review is open. */
export function reviewKeyLayer(session: ReviewSession, options: ReviewKeyOptions): KeyLayer {
  return keyLayerOf((command) => runReviewCommand(session, command, options), options);
}

/** The layer over any review's command runner (image: runReviewCommand, video: runVideoReviewCommand); a runner returning false declines the key. */
export function keyLayerOf(run: (command: ReviewCommand) => boolean, options: Pick<ReviewKeyOptions, 'canSubmit' | 'act'>): KeyLayer {
  return {
    contexts: ['review'],
    commands: reviewCommands,
    run: (id) => {
      const command = reviewCommandOf(id as ReviewCommandId);
      if (command.kind === 'submit' && !options.canSubmit()) return false;
      let taken = true;
      options.act(() => {
        taken = run(command);
      });
      return taken;
    },
  };
}

const FAMILIES: { prefix: string; what: string }[] = [
  { prefix: 'review.take.', what: "take annotator A's … G's shape (video: track, segments or frame tags)" },
  { prefix: 'review.reason.', what: `reason: ${REASON_KEYS.map((r) => REASON_LABELS[r]).join(', ')}` },
  { prefix: 'review.toggle.', what: "show or hide annotator 1 … 9's shapes (video: tracks and lane)" },
];

/** The reviewer keys of `keymap` for the side panel's table, a family (A … G) on one row. */
export function reviewKeyHelp(keymap: Readonly<Record<string, readonly string[]>>): [string, string][] {
  const keyOf = (id: string) => (keymap[id] ?? []).map(formatChord).join(' / ') || '—';
  const rows: [string, string][] = [];
  for (const c of reviewCommands) {
    const family = FAMILIES.find((f) => c.id.startsWith(f.prefix));
    if (!family) rows.push([keyOf(c.id), c.description]);
    else if (!rows.some(([, what]) => what === family.what)) {
      const ids = reviewCommands.filter((x) => x.id.startsWith(family.prefix)).map((x) => x.id);
      rows.push([`${keyOf(ids[0]!)} … ${keyOf(ids.at(-1)!)}`, family.what]);
    }
  }
  return [...rows, [`${keyOf('tool.box')}`, 'draw an object the annotators missed'], [`${keyOf('edit.undo')} / ${keyOf('edit.redo')}`, 'undo / redo']];
}
