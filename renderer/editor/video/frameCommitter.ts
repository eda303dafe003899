import type { Shape } from '../../../core/model/shape';
import type { Track } from '../../../core/model/track';
import type { ShapeChange } from '../../document/shapeChange';
import type { ShapeCommitter } from '../../document/shapeCommitter';
import type { VideoState } from '../../document/videoChange';
import { trackFromEditedShape, trackShapeAt } from './trackShape';
import type { TrackFrameInfo, VideoCommitter } from './videoTypes';

/**
 * One frame of a video item seen as an image's shapes, so the unchanged box
 * tools edit frames: the plain boxes on the current frame plus every track
 * visible there (interpolated between keyframes). Edits of track boxes go
 * back into their tracks; new boxes get the current frame.
 */
export class FrameCommitter implements ShapeCommitter {
  private frame = 0;
  private readonly listeners = new Set<() => void>();
  private cache: { shapes: readonly Shape[]; video: VideoState; frame: number; out: Shape[]; info: Map<string, TrackFrameInfo> } | null = null;
  private readonly unsubscribe: () => void;

  constructor(readonly document: VideoCommitter, frame = 0) {
    this.frame = frame;
    this.unsubscribe = document.subscribe(() => this.notify());
  }

  get currentFrame(): number {
    return this.frame;
  }

  setFrame(frame: number): void {
    if (frame === this.frame) return;
    this.frame = frame;
    this.notify();
  }

  getShapes(): readonly Shape[] {
    return this.view().out;
  }

  /** Track boxes on this frame: keyframe or interpolated. */
  trackInfo(): ReadonlyMap<string, TrackFrameInfo> {
    return this.view().info;
  }

  getVideo(): VideoState {
    return this.document.getVideo();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commit(change: ShapeChange, options: { history: boolean; label: string }): void {
    this.document.commit(this.toDocumentChange(change), options);
  }

  undo(): void {
    this.document.undo();
  }

  redo(): void {
    this.document.redo();
  }

  canUndo(): boolean {
    return this.document.canUndo();
  }

  canRedo(): boolean {
    return this.document.canRedo();
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  /** Splits an editor change into plain boxes (stamped with this frame) and track edits. */
  private toDocumentChange(change: ShapeChange): ShapeChange {
    const tracks = new Map(this.document.getVideo().tracks.map((t) => [t.id, t] as const));
    const put: Shape[] = [];
    const trackPut: Track[] = [...(change.video?.tracks?.put ?? [])];
    const remove: string[] = [];
    const trackRemove: string[] = [...(change.video?.tracks?.remove ?? [])];
    for (const s of change.put) {
      const track = tracks.get(s.id);
      if (track) trackPut.push(trackFromEditedShape(track, s, this.frame));
      else put.push(s.frame === undefined ? { ...s, frame: this.frame } : s);
    }
    for (const id of change.remove) (tracks.has(id) ? trackRemove : remove).push(id);
    const out: ShapeChange = { put, remove };
    if (change.video || trackPut.length > 0 || trackRemove.length > 0) {
      out.video = { ...change.video, tracks: { put: trackPut, remove: trackRemove } };
    }
    return out;
  }

  private view() {
    const shapes = this.document.getShapes();
    const video = this.document.getVideo();
    const c = this.cache;
    if (c && c.shapes === shapes && c.video === video && c.frame === this.frame) return c;
    const out: Shape[] = shapes.filter((s) => (s.frame ?? 0) === this.frame);
    const info = new Map<string, TrackFrameInfo>();
    for (const track of video.tracks) {
      const at = trackShapeAt(track, this.frame);
      if (!at) continue;
      out.push(at.shape);
      info.set(track.id, at.info);
    }
    this.cache = { shapes, video, frame: this.frame, out, info };
    return this.cache;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
