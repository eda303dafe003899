import type { Box } from '../../core/model/shape';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { Dispute, ObjectReason } from '../../electron/common/services/hubReviewSchemas';
import { setCanonicalKeyframe, toggleCanonicalOutside, trackFrom } from './canonicalTrackEdits';
import { DraftHistory } from './draftHistory';
import { annotatorsOf } from './reviewObjects';
import { letterOf } from './reviewSession';
import { ReviewError } from './reviewTypes';
import { finalTrackOf, partName, unresolvedParts, videoVerdictContent } from './videoFinalLabels';
import { annotatorHas, isVideoDispute, localVideoConsensus, videoParts, type VideoMerging, type VideoPart } from './videoReviewObjects';
import { isVideoReviewDraft, type VideoChoice, type VideoReviewDraft } from './videoReviewTypes';

export interface VideoReviewSnapshot {
  annotators: readonly string[];
  parts: readonly VideoPart[];
  draft: VideoReviewDraft;
  /** The part under review (keyboard focus), or -1 when there is none. */
  current: number;
  /** The frame on screen. */
  frame: number;
  frameCount: number;
  /** Annotators whose tracks are hidden on the canvas. */
  hidden: ReadonlySet<string>;
  /** Why a saved draft was not resumed (it was for other parts), or null. */
  notice: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Why a video dispute cannot be reviewed against this workstation's probe of
 * the downloaded clip (the hub's frame count or a submission's differs from
 * the probed count, naming both), or null when every count matches.
 */
export function probedClipProblem(dispute: Dispute, probedFrameCount: number): string | null {
  const name = dispute.fileName || dispute.itemId;
  if (!Number.isInteger(probedFrameCount) || probedFrameCount < 1) return `${name}: this workstation's probe of the downloaded clip found no frames; it cannot be reviewed`;
  const hub = dispute.video?.frameCount;
  if (hub !== probedFrameCount) {
    return `${name}: the hub says this clip has ${hub ?? 'no'} frames, but this workstation's probe of the downloaded file finds ${probedFrameCount}; it cannot be reviewed or signed (the signed frame count must be the file's own) — tell the requester`;
  }
  const annotators = annotatorsOf(dispute);
  for (const s of dispute.submissions) {
    if (s.video && s.video.frameCount !== probedFrameCount) {
      return `${name}: annotator ${letterOf(annotators.indexOf(s.annotator))} submitted labels for ${s.video.frameCount} frames, but this workstation's probe of the downloaded file finds ${probedFrameCount}; it cannot be reviewed or signed — tell the requester`;
    }
  }
  return null;
}

/** Which parts a draft's decisions are for: the item, its frame count and each part's kind and members (annotator and track index). */
export function videoPartsFingerprint(itemId: string, frameCount: number, parts: readonly VideoPart[]): string {
  return JSON.stringify([itemId, frameCount, parts.map((p) => (p.kind === 'track' ? [p.kind, p.members.map((m) => [m.annotator, m.trackIndex])] : [p.kind]))]);
}

/** Parts the consensus settled start as the proposal (merged, or no track for a cluster it left out); the rest wait for the reviewer. */
export function initialVideoDraft(parts: readonly VideoPart[], fingerprint?: string): VideoReviewDraft {
  return { kind: 'video', ...(fingerprint !== undefined ? { fingerprint } : {}), decisions: parts.map((p): VideoChoice => (!p.accepted ? { kind: 'undecided' } : p.kind === 'track' && !p.inProposal ? { kind: 'drop' } : { kind: 'merged' })) };
}

/**
 * A reviewer's decisions on one disputed video item, headless: per track
 * cluster take an annotator's track, the merged one, drop it or redraw it
 * (keyframes set on the canvas with the workbench's track edits); per
 * segmentation and frame tags take an annotator's or the consensus. Each
 * decision is one undo step. The frame and the current part are view state.
 */
export class VideoReviewSession {
  readonly annotators: readonly string[];
  readonly parts: readonly VideoPart[];
  readonly frameCount: number;
  /** Set when a saved draft was discarded because it was for other parts. */
  readonly notice: string | null = null;
  /** The single-frame boxes as the local consensus has them, and how many of their clusters it could not accept. */
  private readonly frameBoxes: { shapes: CanonicalShape[]; undecided: number };
  private readonly history: DraftHistory<VideoReviewDraft>;
  private current: number;
  private frame = 0;
  private hidden = new Set<string>();
  private snapshot: VideoReviewSnapshot | null = null;

  /**
   * `probedFrameCount` is this workstation's own probe of the downloaded
   * clip: the hub's `video.frameCount` is only a claim. The session refuses
   * to open (so nothing is signed) when the hub's count or any submission's
   * count disagrees with the probe, and the signed count is the probed one.
   */
  constructor(
    readonly dispute: Dispute,
    merging: VideoMerging,
    probedFrameCount: number,
    draft?: unknown,
  ) {
    if (!isVideoDispute(dispute)) throw new ReviewError(`item ${dispute.itemId} is not a video item`);
    const problem = probedClipProblem(dispute, probedFrameCount);
    if (problem) throw new ReviewError(problem);
    this.frameCount = probedFrameCount;
    this.annotators = annotatorsOf(dispute);
    const local = localVideoConsensus(dispute);
    this.parts = videoParts(dispute, merging, local);
    this.frameBoxes = { shapes: local.labels.shapes, undecided: local.boxClusters.filter((c) => !c.accepted).length };
    const fingerprint = videoPartsFingerprint(dispute.itemId, this.frameCount, this.parts);
    const fits = isVideoReviewDraft(draft) && draft.decisions.length === this.parts.length && draft.fingerprint === fingerprint;
    if (draft !== undefined && draft !== null && !fits) this.notice = 'the saved draft was for other parts of this clip (its tracks, segments or frame tags changed), so it was discarded: decide every part again';
    const resumed = fits ? draft : initialVideoDraft(this.parts, fingerprint);
    this.history = new DraftHistory(resumed, () => (this.snapshot = null));
    this.current = this.parts.length > 0 ? 0 : -1;
  }

  get subscribe(): (listener: () => void) => () => void {
    return this.history.subscribe;
  }

  getSnapshot = (): VideoReviewSnapshot => {
    this.snapshot ??= {
      annotators: this.annotators,
      parts: this.parts,
      draft: this.history.current,
      current: this.current,
      frame: this.frame,
      frameCount: this.frameCount,
      hidden: new Set(this.hidden),
      notice: this.notice,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    };
    return this.snapshot;
  };

  getDraft(): VideoReviewDraft {
    return this.history.current;
  }

  currentIndex(): number {
    return this.current;
  }

  currentFrame(): number {
    return this.frame;
  }

  get partCount(): number {
    return this.parts.length;
  }

  choice(index: number): VideoChoice {
    const choice = this.history.current.decisions[index];
    if (!choice) throw new ReviewError(`there is no part ${index + 1} (the item has ${this.parts.length})`);
    return choice;
  }

  /** The track part `index` ends with now (null: dropped, undecided, or not a track). */
  finalTrack(index: number): CanonicalTrack | null {
    const part = this.parts[index];
    return part?.kind === 'track' ? finalTrackOf(part, this.choice(index)) : null;
  }

  unresolved(): number[] {
    return unresolvedParts(this.history.current);
  }

  partName(index: number): string {
    return partName(this.parts, index);
  }

  /**
   * The single-frame boxes, the final video labels and one reason per part;
   * throws a ReviewError naming the open parts. The boxes are the local
   * consensus's (never the hub's proposal); video review has no box part
   * yet, so a clip whose boxes the annotators disagree on is refused.
   */
  verdict(): { shapes: CanonicalShape[]; video: CanonicalVideoLabels; reasons: ObjectReason[] } {
    if (this.frameBoxes.undecided > 0) {
      throw new ReviewError(`this clip has single-frame boxes the annotators disagree on (${this.frameBoxes.undecided} without a consensus); video review cannot decide boxes yet`);
    }
    return videoVerdictContent(this.parts, this.history.current, this.frameCount, this.frameBoxes.shapes);
  }

  // --- decisions (each one undo step) ---

  /** Annotator by address or by position (0 = A): their track, segmentation or frame tags. */
  takeAnnotator(index: number, annotator: string | number): void {
    const who = typeof annotator === 'number' ? this.annotators[annotator] : annotator;
    if (who === undefined || !this.annotators.includes(who)) throw new ReviewError(`there is no annotator ${typeof annotator === 'number' ? letterOf(annotator) : annotator} on this item`);
    const part = this.part(index);
    if (!annotatorHas(part, who)) throw new ReviewError(`annotator ${letterOf(this.annotators.indexOf(who))} has no ${partName(this.parts, index)} here`);
    this.choose(index, { kind: 'annotator', annotator: who });
  }

  takeMerged(index: number): void {
    this.part(index);
    this.choose(index, { kind: 'merged' });
  }

  /** A track that is not an object; no segments or no frame tags at all. */
  drop(index: number): void {
    this.part(index);
    this.choose(index, { kind: 'drop' });
  }

  /**
   * Redraw: the box on `frame` becomes a keyframe of the part's track (the
   * taken one, else the merged one's class starting here). Tracks only.
   */
  setKeyframe(index: number, frame: number, box: Box): void {
    const part = this.trackPart(index);
    this.checkFrame(frame);
    const base = this.finalTrack(index);
    const track = base ? setCanonicalKeyframe(base, frame, box) : trackFrom(part.merged.className, frame, box);
    this.choose(index, { kind: 'drawn', track });
  }

  /** O: the decided track's object leaves (or comes back) from `frame` on. */
  toggleOutside(index: number, frame: number): void {
    this.trackPart(index);
    this.checkFrame(frame);
    const base = this.finalTrack(index);
    if (!base) throw new ReviewError(`take or draw a track for ${partName(this.parts, index)} first`);
    const track = toggleCanonicalOutside(base, frame);
    if (track.keyframes.length === base.keyframes.length && track.keyframes.every((k, i) => k === base.keyframes[i])) return;
    this.choose(index, { kind: 'drawn', track });
  }

  /** Several decisions as ONE undo step. */
  group(run: () => void): void {
    this.history.group(run);
  }

  undo(): void {
    if (this.history.undo()) this.history.notify();
  }

  redo(): void {
    if (this.history.redo()) this.history.notify();
  }

  // --- view state ---

  select(index: number): void {
    this.part(index);
    this.current = index;
    this.history.notify();
  }

  /** Tab / Shift+Tab: the next or previous part, wrapping. */
  next(step: 1 | -1 = 1): void {
    const count = this.parts.length;
    if (count === 0) return;
    this.current = (((this.current + step) % count) + count) % count;
    this.history.notify();
  }

  /** Go to `frame`, clamped to the video. */
  setFrame(frame: number): void {
    const clamped = Math.max(0, Math.min(this.frameCount - 1, Math.round(frame)));
    if (clamped === this.frame) return;
    this.frame = clamped;
    this.history.notify();
  }

  stepFrame(by: number): void {
    this.setFrame(this.frame + by);
  }

  toggleAnnotator(annotator: string | number): void {
    const who = typeof annotator === 'number' ? this.annotators[annotator] : annotator;
    if (who === undefined || !this.annotators.includes(who)) return;
    if (this.hidden.has(who)) this.hidden.delete(who);
    else this.hidden.add(who);
    this.history.notify();
  }

  private part(index: number): VideoPart {
    const part = this.parts[index];
    if (!part) throw new ReviewError(`there is no part ${index + 1} (the item has ${this.parts.length})`);
    return part;
  }

  private trackPart(index: number): VideoPart & { kind: 'track' } {
    const part = this.part(index);
    if (part.kind !== 'track') throw new ReviewError(`${partName(this.parts, index)} cannot be redrawn: take an annotator's (A…G), the consensus (M) or none (X)`);
    return part;
  }

  private checkFrame(frame: number): void {
    if (!Number.isInteger(frame) || frame < 0 || frame >= this.frameCount) throw new ReviewError(`frame ${frame} is not in the video (0–${this.frameCount - 1})`);
  }

  private choose(index: number, choice: VideoChoice): void {
    this.history.apply((d) => ({ ...d, decisions: d.decisions.map((old, i) => (i === index ? choice : old)) }));
    this.history.notify();
  }
}
