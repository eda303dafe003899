import type { Item } from '../../../core/model/item';
import type { Shape } from '../../../core/model/shape';
import type { FrameTag, Segment, Track } from '../../../core/model/track';
import type { VideoChange } from '../../document/videoChange';
import { framesWithLabels, mergeWithNext, nextKeyframe, prevKeyframe, segmentIndexAtFrame, splitSegmentAt, toggleSegmentTag, type FrameRange } from '../../../core/video';
import type { Editor } from '../editor';
import type { KeyInput } from '../types';
import type { EditStamp } from '../shapeEdits';
import { FrameCommitter } from './frameCommitter';
import { segmentsAtThreshold } from './recut';
import { SpaceTap } from './spaceTap';
import { addFrameTagEdit, keyframeEdit, makeTrackEdit, outsideEdit, propagateEdit, removeFrameTagEdit, removeKeyframeEdit, segmentsEdit, type VideoEdit } from './videoCommands';
import { videoCommands, type VideoActionId } from './videoKeymap';
import type { VideoCommitter } from './videoTypes';

export interface VideoSnapshot {
  frame: number;
  frameCount: number;
  playing: boolean;
  /** Frames V/C jump. */
  jumpStep: number;
  /** Frames Ctrl+B covers after the current one. */
  propagateCount: number;
  /** The track the track commands act on: the selected one, or the last selected one while it is outside. */
  trackId: string | null;
  /** Keyframes of that track (timeline marks). */
  trackKeyframes: readonly number[];
  /** Frames with any label (timeline marks). */
  labeledRanges: readonly FrameRange[];
}

export interface VideoControllerOptions {
  author: string;
  now?: () => number;
  jumpStep?: number;
  propagateCount?: number;
}

/**
 * The frame-labeling half of the headless editor: the current frame,
 * playback state, the frame commands (videoKeymap.ts; their keys are the
 * editor's dispatcher's) and Space's play/pause tap, and the track,
 * tag and segment commands. Box editing itself stays in the Editor, which
 * sees the current frame through a FrameCommitter.
 */
export class VideoController {
  readonly frames: FrameCommitter;
  private snap: VideoSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly space = new SpaceTap();
  private rememberedTrack: string | null = null;
  private hadSelection = false;
  private readonly unsubscribers: (() => void)[];

  constructor(
    readonly editor: Editor,
    readonly item: Item,
    document: VideoCommitter,
    private readonly options: VideoControllerOptions,
  ) {
    this.frames = new FrameCommitter(document);
    this.snap = { frame: 0, frameCount: item.video?.frameCount ?? 1, playing: false, jumpStep: options.jumpStep ?? 10, propagateCount: options.propagateCount ?? 10, trackId: null, trackKeyframes: [], labeledRanges: [] };
    editor.loadItem(item, this.frames);
    // Frame keys go live in the editor's dispatcher, over the labeling keys they shadow (F, D, V…), until dispose.
    const offKeys = editor.keys.addLayer({ contexts: ['video'], commands: videoCommands, run: (id) => this.runAction(id as VideoActionId) });
    this.unsubscribers = [this.frames.subscribe(() => this.refresh()), editor.subscribe(() => this.refresh()), offKeys];
    this.refresh();
  }

  readonly getSnapshot = (): VideoSnapshot => this.snap;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // ---- frames and playback --------------------------------------------------

  setFrame(frame: number): void {
    const clamped = Math.max(0, Math.min(this.snap.frameCount - 1, Math.round(frame)));
    this.editor.cancelGesture();
    this.frames.setFrame(clamped);
  }

  step(delta: number): void {
    this.setFrame(this.snap.frame + delta);
  }

  setPlaying(playing: boolean): void {
    this.update({ playing: playing && this.snap.frame < this.snap.frameCount - 1 });
  }

  togglePlay(): void {
    this.setPlaying(!this.snap.playing);
  }

  /** One playback tick: the next frame; playback stops at the last one. */
  advance(): void {
    if (!this.snap.playing) return;
    this.step(1);
    if (this.snap.frame >= this.snap.frameCount - 1) this.update({ playing: false });
  }

  setJumpStep(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new Error(`jump step must be a whole number of frames ≥ 1, got ${n}`);
    this.update({ jumpStep: n });
  }

  setPropagateCount(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new Error(`propagate count must be a whole number of frames ≥ 1, got ${n}`);
    this.update({ propagateCount: n });
  }

  // ---- keys -------------------------------------------------------------------

  /**
   * Space only: a tap plays or pauses, a hold pans (the editor sees it too;
   * see SpaceTap). Every other frame key is a command in the editor's
   * dispatcher (keys/registry.ts).
   */
  keyDown(input: KeyInput): void {
    if (input.key === ' ' || input.code === 'Space') this.space.down(input.repeat);
  }

  keyUp(input: KeyInput): void {
    if ((input.key === ' ' || input.code === 'Space') && this.space.up()) this.togglePlay();
  }

  pointerDown(): void {
    this.space.pointerDown();
  }

  blur(): void {
    this.space.reset();
  }

  runAction(action: VideoActionId): void {
    const f = this.snap.frame;
    const track = this.selectedTrack();
    switch (action) {
      case 'frame.next': return this.step(1);
      case 'frame.prev': return this.step(-1);
      case 'frame.forward': return this.step(this.snap.jumpStep);
      case 'frame.back': return this.step(-this.snap.jumpStep);
      case 'track.make': return this.makeTrack();
      case 'track.keyframe': return this.keyframe();
      case 'track.removeKeyframe': return track ? this.apply(removeKeyframeEdit(track, f, this.stamp())) : undefined;
      case 'track.outside': return track ? this.apply(outsideEdit(track, f, this.stamp())) : undefined;
      case 'track.propagate': return this.propagate();
      case 'track.nextKeyframe': return this.goTo(track ? nextKeyframe(track, f) : null);
      case 'track.prevKeyframe': return this.goTo(track ? prevKeyframe(track, f) : null);
      case 'segment.split': return this.splitSegment();
    }
  }

  // ---- tracks -------------------------------------------------------------------

  /** The selected plain box becomes a track (one undo step) and stays selected. */
  makeTrack(): void {
    const shape = this.selectedPlainShape();
    if (!shape) return;
    const edit = makeTrackEdit(shape, this.stamp());
    this.apply(edit);
    this.editor.select([edit.trackId]);
  }

  keyframe(): void {
    const track = this.selectedTrack();
    const shown = track && this.frames.getShapes().find((s) => s.id === track.id);
    if (track && shown) this.apply(keyframeEdit(track, shown.box, this.snap.frame, this.stamp()));
  }

  propagate(): void {
    const shape = this.selectedShape();
    if (!shape) return;
    const track = this.trackById(shape.id);
    const edit = propagateEdit(shape, track, this.snap.frame, this.snap.propagateCount, this.snap.frameCount, this.stamp());
    this.apply(edit);
    if (edit?.trackId) this.editor.select([edit.trackId]);
  }

  // ---- tags and segments ----------------------------------------------------------

  tagFrames(classId: string, range: [number, number]): void {
    this.apply(addFrameTagEdit({ projectId: this.item.projectId, itemId: this.item.id }, classId, range, this.stamp()));
  }

  removeFrameTag(tagId: string): void {
    const tag = this.frames.getVideo().frameTags.find((t) => t.id === tagId);
    if (tag) this.apply(removeFrameTagEdit(tag));
  }

  splitSegment(frame = this.snap.frame): void {
    const current = this.frames.getVideo().segments;
    if (!current || segmentIndexAtFrame(current.segments, frame) < 0) return;
    this.apply(segmentsEdit(current, splitSegmentAt(current.segments, frame, current.scores[frame] ?? 0), 'Split shot'));
  }

  mergeSegmentWithNext(index: number): void {
    const current = this.frames.getVideo().segments;
    if (current && index >= 0 && index < current.segments.length - 1) this.apply(segmentsEdit(current, mergeWithNext(current.segments, index), 'Merge shots'));
  }

  toggleSegmentTag(index: number, tag: string): void {
    const current = this.frames.getVideo().segments;
    if (current && current.segments[index]) this.apply(segmentsEdit(current, toggleSegmentTag(current.segments, index, tag), 'Tag shot'));
  }

  /** Re-cut the shots at a new threshold from the stored scores (one undo step; tags follow their frames). */
  recut(threshold: number): void {
    const current = this.frames.getVideo().segments;
    if (current) this.apply(segmentsEdit(current, segmentsAtThreshold(current.scores, threshold, current.segments), 'Re-cut shots', threshold));
  }

  /** Tracks and boxes from outside (auto-track) as one undo step. */
  addLabels(tracks: Track[], shapes: Shape[], label: string): void {
    this.addImported({ tracks, shapes, frameTags: [], segments: null }, label);
  }

  /**
   * An import's tracks, boxes and frame tags as one undo step; the file's
   * shot segments, when it has them, replace the current ones in the same
   * step (the threshold stays, so a later re-cut starts from it).
   */
  addImported(labels: { tracks: Track[]; shapes: Shape[]; frameTags: FrameTag[]; segments: Segment[] | null }, label: string): void {
    const { tracks, shapes, frameTags, segments } = labels;
    if (tracks.length === 0 && shapes.length === 0 && frameTags.length === 0 && !segments) return;
    const video: VideoChange = { tracks: { put: tracks, remove: [] }, frameTags: { put: frameTags, remove: [] } };
    if (segments) video.segments = { segments, threshold: this.frames.getVideo().segments?.threshold ?? 0 };
    this.apply({ change: { put: shapes, remove: [], video }, label });
  }

  dispose(): void {
    for (const u of this.unsubscribers) u();
    this.frames.dispose();
    this.listeners.clear();
  }

  // ---- internals ------------------------------------------------------------------

  private apply(edit: VideoEdit): void {
    if (!edit) return;
    this.editor.cancelGesture();
    this.frames.document.commit(edit.change, { history: true, label: edit.label });
  }

  private goTo(frame: number | null): void {
    if (frame !== null) this.setFrame(frame);
  }

  private stamp(): EditStamp {
    return { author: this.options.author, now: (this.options.now ?? Date.now)() };
  }

  private selectedShape(): Shape | undefined {
    const ids = this.editor.getSnapshot().selectedIds;
    return ids.length === 1 ? this.frames.getShapes().find((s) => s.id === ids[0]) : undefined;
  }

  private selectedPlainShape(): Shape | undefined {
    const shape = this.selectedShape();
    return shape && !this.trackById(shape.id) ? shape : undefined;
  }

  private selectedTrack(): Track | undefined {
    return this.snap.trackId ? this.trackById(this.snap.trackId) : undefined;
  }

  private trackById(id: string): Track | undefined {
    return this.frames.getVideo().tracks.find((t) => t.id === id);
  }

  /**
   * Keeps the track the commands act on: the selected track, remembered
   * while it is outside (so O can bring it back) and selected again when a
   * frame shows it. Deselecting it while it is visible forgets it.
   */
  private refresh(): void {
    const video = this.frames.getVideo();
    const selected = this.editor.getSnapshot().selectedIds;
    const visible = this.frames.trackInfo();
    const remembered = this.rememberedTrack;
    if (selected.length === 1 && this.trackById(selected[0]!)) this.rememberedTrack = selected[0]!;
    else if (selected.length > 0 || !remembered || !this.trackById(remembered)) this.rememberedTrack = null;
    else if (visible.has(remembered)) {
      if (this.hadSelection) this.rememberedTrack = null;
      else return this.editor.select([remembered]);
    }
    this.hadSelection = selected.length > 0;
    const track = this.rememberedTrack ? this.trackById(this.rememberedTrack) : undefined;
    this.update({
      frame: this.frames.currentFrame,
      trackId: track?.id ?? null,
      trackKeyframes: track ? track.keyframes.map((k) => k.frame) : [],
      labeledRanges: this.labeledRanges(video),
    });
  }

  private rangesCache: { video: unknown; shapes: unknown; ranges: FrameRange[] } | null = null;

  private labeledRanges(video: ReturnType<FrameCommitter['getVideo']>): FrameRange[] {
    const shapes = this.frames.document.getShapes();
    if (this.rangesCache?.video !== video.tracks || this.rangesCache.shapes !== shapes) {
      this.rangesCache = { video: video.tracks, shapes, ranges: framesWithLabels(video.tracks, shapes, this.snap.frameCount) };
    }
    return this.rangesCache.ranges;
  }

  private update(patch: Partial<VideoSnapshot>): void {
    let changed = false;
    for (const k of Object.keys(patch) as (keyof VideoSnapshot)[]) {
      const a = patch[k];
      const b = this.snap[k];
      if (a !== b && !(Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]))) changed = true;
    }
    if (!changed) return;
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }
}
