import type { Box } from '../../../core/model/shape';
import type { TrackedKeyframe, TrackerTrack } from '../types';
import type { CentredBox, GrayImage } from './grayImage';
import { MosseTracker, type MosseOptions } from './mosseTracker';

export interface FollowBoxOptions extends MosseOptions {
  /** A keyframe every k frames from the start (the track interpolates between them). Default 1. */
  everyK?: number;
  /** The track ends after this many unsure frames in a row; shorter dips (a passing occluder) are bridged. Default 15 (½ s at 30 fps). */
  patience?: number;
}

/** What happened on one frame, for benches and tests: the box the tracker holds and how sure it was. */
export interface FollowedFrame {
  frame: number;
  box: Box;
  psr: number;
  /** NCC of the box's content with the object's appearance. */
  similarity: number;
  confident: boolean;
}

/**
 * Follows one box the user drew through the frames that come after it with
 * the MOSSE tracker, and turns that into a track: a keyframe every k frames
 * while the tracker is sure (score = PSR/20, clamped), a keyframe at the last
 * sure frame, and — when it stays unsure for `patience` frames or the box
 * leaves the picture — an end (outside keyframe) at the first unsure frame,
 * instead of a box that drifts on.
 */
export class BoxFollower {
  private readonly tracker: MosseTracker;
  private readonly everyK: number;
  private readonly patience: number;
  private readonly keyframes: TrackedKeyframe[];
  private readonly startFrame: number;
  private lastSure: TrackedKeyframe;
  private unsureSince: number | null = null;
  private endFrame: number | undefined;
  private lastFrame: number;

  constructor(
    readonly className: string,
    startFrame: number,
    first: GrayImage,
    box: Box,
    options: FollowBoxOptions = {},
  ) {
    this.everyK = options.everyK ?? 1;
    this.patience = options.patience ?? 15;
    if (!Number.isInteger(this.everyK) || this.everyK < 1) throw new Error(`everyK must be an integer ≥ 1, got ${this.everyK}`);
    if (!Number.isInteger(this.patience) || this.patience < 1) throw new Error(`patience must be an integer ≥ 1, got ${this.patience}`);
    this.tracker = new MosseTracker(first, centred(box), options);
    this.startFrame = startFrame;
    this.lastFrame = startFrame;
    this.lastSure = { frame: startFrame, box: { ...box }, score: 1 };
    this.keyframes = [this.lastSure];
  }

  get ended(): boolean {
    return this.endFrame !== undefined;
  }

  /** The next frame (frame numbers ascending, no gaps needed). Returns what the tracker saw; after the end, call `result`. */
  push(frame: number, image: GrayImage): FollowedFrame {
    if (this.ended) throw new Error(`the track already ended at frame ${this.endFrame}`);
    if (frame <= this.lastFrame) throw new Error(`frames must come in ascending order: ${frame} after ${this.lastFrame}`);
    this.lastFrame = frame;
    const step = this.tracker.update(image);
    const box = cornered(step.box);
    const inside = step.box.cx >= 0 && step.box.cy >= 0 && step.box.cx < image.width && step.box.cy < image.height;
    const sure = step.confident && inside;
    if (sure) {
      this.unsureSince = null;
      this.lastSure = { frame, box, score: Math.min(1, Math.max(0, step.psr / 20)) };
      if ((frame - this.startFrame) % this.everyK === 0) this.keyframes.push(this.lastSure);
    } else {
      this.unsureSince ??= frame;
      if (!inside || frame - this.unsureSince + 1 >= this.patience) this.end(this.unsureSince);
    }
    return { frame, box, psr: step.psr, similarity: step.similarity, confident: sure };
  }

  /** The track so far: keyframes ascending, `endFrame` when the object was lost (an outside keyframe belongs there). */
  result(): TrackerTrack {
    const keyframes = [...this.keyframes];
    if (keyframes[keyframes.length - 1] !== this.lastSure) keyframes.push(this.lastSure);
    const track: TrackerTrack = { className: this.className, keyframes: keyframes.map((k) => ({ ...k, box: { ...k.box } })) };
    if (this.endFrame !== undefined) track.endFrame = this.endFrame;
    return track;
  }

  private end(frame: number): void {
    this.endFrame = frame;
  }
}

function centred(box: Box): CentredBox {
  return { cx: box.x + box.w / 2, cy: box.y + box.h / 2, w: box.w, h: box.h };
}

function cornered(box: CentredBox): Box {
  return { x: box.cx - box.w / 2, y: box.cy - box.h / 2, w: box.w, h: box.h };
}
