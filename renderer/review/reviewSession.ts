import type { AttributeValue } from '../../core/model/labelSchema';
import type { Box } from '../../core/model/shape';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { Dispute, ObjectReason } from '../../electron/common/services/hubReviewSchemas';
import { finalShapeOf, reasonOf, unresolvedObjects, verdictContent } from './finalLabels';
import { annotatorsOf, proposalObjects, type ProposalObject } from './reviewObjects';
import { DraftHistory } from './draftHistory';
import { ReviewError, type ObjectChoice, type ObjectDecision, type ReviewDraft, type VerdictReason } from './reviewTypes';

export interface ReviewSnapshot {
  annotators: readonly string[];
  objects: readonly ProposalObject[];
  draft: ReviewDraft;
  /** The object under review (keyboard focus), or -1 when there is none. */
  current: number;
  /** Annotators whose shapes are hidden on the canvas. */
  hidden: ReadonlySet<string>;
  canUndo: boolean;
  canRedo: boolean;
}

/** Accepted clusters start as the proposal (merged); the rest wait for the reviewer. */
export function initialDraft(objects: readonly ProposalObject[]): ReviewDraft {
  return { decisions: objects.map((o) => ({ choice: o.accepted ? { kind: 'merged' } : { kind: 'undecided' } })) };
}

/**
 * The reviewer's decisions on one disputed item, headless: take an
 * annotator's shape, the merged one, redraw, drop, add a missed object, fix
 * class and attributes, give a reason — each one undo step. It produces the
 * verdict's final labels and reasons. Visibility and the current object are
 * view state: not undone, not saved.
 */
export class ReviewSession {
  readonly annotators: readonly string[];
  readonly objects: readonly ProposalObject[];
  private readonly history: DraftHistory<ReviewDraft>;
  private current = 0;
  private hidden = new Set<string>();
  private snapshot: ReviewSnapshot | null = null;

  constructor(
    readonly dispute: Dispute,
    draft?: ReviewDraft,
  ) {
    this.annotators = annotatorsOf(dispute);
    this.objects = proposalObjects(dispute);
    this.history = new DraftHistory(draft && Array.isArray(draft.decisions) && draft.decisions.length >= this.objects.length ? draft : initialDraft(this.objects), () => (this.snapshot = null));
    this.current = this.draft.decisions.length > 0 ? 0 : -1;
  }

  private get draft(): ReviewDraft {
    return this.history.current;
  }

  get subscribe(): (listener: () => void) => () => void {
    return this.history.subscribe;
  }

  /** The same object until something changes (for useSyncExternalStore). */
  getSnapshot = (): ReviewSnapshot => {
    this.snapshot ??= {
      annotators: this.annotators,
      objects: this.objects,
      draft: this.draft,
      current: this.current,
      hidden: new Set(this.hidden),
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    };
    return this.snapshot;
  };

  getDraft(): ReviewDraft {
    return this.draft;
  }

  get objectCount(): number {
    return this.draft.decisions.length;
  }

  currentIndex(): number {
    return this.current;
  }

  decision(index: number): ObjectDecision {
    const decision = this.draft.decisions[index];
    if (!decision) throw new ReviewError(`there is no object ${index + 1} (the item has ${this.draft.decisions.length})`);
    return decision;
  }

  finalShape(index: number): CanonicalShape | null {
    return finalShapeOf(this.objects[index], this.decision(index), index);
  }

  reason(index: number): VerdictReason {
    return reasonOf(this.objects[index], this.decision(index), index);
  }

  unresolved(): number[] {
    return unresolvedObjects(this.draft);
  }

  /** Final labels and one reason per object; throws a ReviewError naming the open objects. */
  verdict(): { shapes: CanonicalShape[]; reasons: ObjectReason[] } {
    return verdictContent(this.objects, this.draft);
  }

  // --- decisions (each one undo step) ---

  /** Annotator by address or by position (0 = A). */
  takeAnnotator(index: number, annotator: string | number): void {
    const who = typeof annotator === 'number' ? this.annotators[annotator] : annotator;
    if (who === undefined) throw new ReviewError(`there is no annotator ${typeof annotator === 'number' ? letterOf(annotator) : annotator} on this item`);
    if (!this.objects[index]?.members.some((m) => m.annotator === who)) throw new ReviewError(`annotator ${letterOf(this.annotators.indexOf(who))} drew nothing for object ${index + 1}`);
    this.choose(index, { kind: 'annotator', annotator: who });
  }

  takeMerged(index: number): void {
    if (!this.objects[index]) throw new ReviewError(`object ${index + 1} was added by the reviewer and has no merged shape`);
    this.choose(index, { kind: 'merged' });
  }

  /** Not an object: dropped from the final labels. An object the reviewer added is removed altogether. */
  drop(index: number): void {
    const decision = this.decision(index);
    if (decision.added) {
      this.apply((d) => ({ decisions: d.decisions.filter((_, i) => i !== index) }));
      this.current = Math.min(this.current, this.draft.decisions.length - 1);
      this.notify();
      return;
    }
    this.choose(index, { kind: 'drop' });
  }

  /** A new box for the object; class and attributes stay those of the current final shape. */
  redraw(index: number, box: Box): void {
    const shape = this.finalShape(index) ?? this.objects[index]?.merged;
    if (!shape) throw new ReviewError(`object ${index + 1} has no class to redraw with`);
    const decision = this.decision(index);
    this.replace(index, { choice: { kind: 'drawn', box: { ...box }, className: shape.className, ...(shape.attributes ? { attributes: shape.attributes } : {}) }, reason: decision.reason, added: decision.added });
  }

  /** An object the annotators missed; becomes the current object. */
  addObject(box: Box, className: string): number {
    const index = this.draft.decisions.length;
    this.apply((d) => ({ decisions: [...d.decisions, { choice: { kind: 'drawn', box: { ...box }, className }, added: true }] }));
    this.current = index;
    this.notify();
    return index;
  }

  setClass(index: number, className: string): void {
    if (!this.finalShape(index)) throw new ReviewError(`take a shape for object ${index + 1} before fixing its class`);
    this.replace(index, { ...this.decision(index), className });
  }

  setAttribute(index: number, name: string, value: AttributeValue): void {
    if (!this.finalShape(index)) throw new ReviewError(`take a shape for object ${index + 1} before fixing its attributes`);
    const decision = this.decision(index);
    this.replace(index, { ...decision, attributes: { ...decision.attributes, [name]: value } });
  }

  /** The reviewer's own reason; null goes back to the derived one. */
  setReason(index: number, reason: VerdictReason | null): void {
    const { reason: _old, ...rest } = this.decision(index);
    this.replace(index, reason === null ? rest : { ...rest, reason });
  }

  /** Several decisions as ONE undo step (one editor gesture that moved and re-classed a box). */
  group(run: () => void): void {
    this.history.group(run);
  }

  undo(): void {
    if (!this.history.undo()) return;
    this.current = Math.min(this.current, this.draft.decisions.length - 1);
    this.notify();
  }

  redo(): void {
    if (this.history.redo()) this.notify();
  }

  // --- view state ---

  select(index: number): void {
    this.decision(index);
    this.current = index;
    this.notify();
  }

  /** Tab / Shift+Tab: the next or previous object, wrapping. */
  next(step: 1 | -1 = 1): void {
    const count = this.draft.decisions.length;
    if (count === 0) return;
    this.current = (((this.current + step) % count) + count) % count;
    this.notify();
  }

  toggleAnnotator(annotator: string | number): void {
    const who = typeof annotator === 'number' ? this.annotators[annotator] : annotator;
    if (who === undefined || !this.annotators.includes(who)) return;
    if (this.hidden.has(who)) this.hidden.delete(who);
    else this.hidden.add(who);
    this.notify();
  }

  private choose(index: number, choice: ObjectChoice): void {
    const decision = this.decision(index);
    // A new shape starts clean; an explicit reason stays.
    this.replace(index, { choice, ...(decision.reason ? { reason: decision.reason } : {}), ...(decision.added ? { added: true } : {}) });
  }

  private replace(index: number, decision: ObjectDecision): void {
    this.decision(index);
    this.apply((d) => ({ decisions: d.decisions.map((old, i) => (i === index ? stripUndefined(decision) : old)) }));
    this.notify();
  }

  private apply(change: (draft: ReviewDraft) => ReviewDraft): void {
    this.history.apply(change);
  }

  private notify(): void {
    this.history.notify();
  }
}

/** A, B, C… for annotator positions. */
export function letterOf(position: number): string {
  return position >= 0 && position < 26 ? String.fromCharCode(65 + position) : `#${position + 1}`;
}

function stripUndefined(decision: ObjectDecision): ObjectDecision {
  return Object.fromEntries(Object.entries(decision).filter(([, v]) => v !== undefined)) as unknown as ObjectDecision;
}
