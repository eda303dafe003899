import type { AnnotationChoice } from './types';

/** What the choice needs of one Label Studio annotation (a person's, per task). */
export interface AnnotationStamp {
  /** Who made it, as the export names them: a user id number, or an object with email. */
  completed_by?: unknown;
  created_at?: string;
  updated_at?: string;
  was_cancelled?: boolean;
}

/**
 * The annotator as a string the user can recognise and pick: the email when
 * the export expanded the user, else "user <id>". Undefined when the
 * annotation does not say (older exports, hand-written files).
 */
export function annotatorOf(annotation: AnnotationStamp): string | undefined {
  const by = annotation.completed_by;
  if (typeof by === 'number' || (typeof by === 'string' && by !== '')) return `user ${by}`;
  if (by && typeof by === 'object') {
    const { email, id } = by as { email?: unknown; id?: unknown };
    if (typeof email === 'string' && email !== '') return email;
    if (typeof id === 'number' || typeof id === 'string') return `user ${id}`;
  }
  return undefined;
}

export interface Chosen {
  /** Indexes into the task's annotations to import, in file order. */
  chosen: number[];
  /** The others, each with why it was left out (for an 'annotation-not-chosen' warning). */
  skipped: { index: number; reason: string }[];
}

/** Milliseconds of updated_at, else created_at; undefined when neither is a date. */
function stampTime(a: AnnotationStamp): number | undefined {
  for (const text of [a.updated_at, a.created_at]) {
    const t = text === undefined ? NaN : Date.parse(text);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
}

/**
 * Which of one task's annotations to import. Cancelled ones (the annotator
 * pressed Skip) are never taken. "latest" takes the most recently updated
 * (else created) one; with no dates, the last in the list, which is the
 * order Label Studio writes them in.
 */
export function chooseAnnotations(annotations: readonly AnnotationStamp[], choice: AnnotationChoice): Chosen {
  const skipped: Chosen['skipped'] = [];
  const live: number[] = [];
  for (const [index, a] of annotations.entries()) {
    if (a.was_cancelled === true) skipped.push({ index, reason: 'it was cancelled (skipped) in Label Studio' });
    else live.push(index);
  }
  let chosen: number[];
  if (choice.kind === 'all') chosen = live;
  else if (choice.kind === 'annotator') chosen = live.filter((i) => annotatorOf(annotations[i]!) === choice.annotator);
  else chosen = live.length === 0 ? [] : [latestOf(annotations, live)];
  for (const index of live) {
    if (chosen.includes(index)) continue;
    const by = annotatorOf(annotations[index]!) ?? 'an unnamed annotator';
    skipped.push({ index, reason: choice.kind === 'annotator' ? `it is by ${by}, not ${choice.annotator}` : `a later annotation of this task was taken (this one is by ${by})` });
  }
  skipped.sort((a, b) => a.index - b.index);
  return { chosen, skipped };
}

function latestOf(annotations: readonly AnnotationStamp[], live: number[]): number {
  let best = live[live.length - 1]!;
  let bestTime: number | undefined;
  for (const i of live) {
    const t = stampTime(annotations[i]!);
    // >=: of equally dated annotations the later in the list wins; dated ones win over undated.
    if (t !== undefined && (bestTime === undefined || t >= bestTime)) {
      best = i;
      bestTime = t;
    }
  }
  return best;
}
