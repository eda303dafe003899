import type { LabelSchema } from '../../core/model/labelSchema';
import type { Shape } from '../../core/model/shape';
import { visibleBoxAtFrame } from '../../core/video/interpolate';
import type { ShapeChange } from '../document/shapeChange';
import type { ShapeCommitter } from '../document/shapeCommitter';
import { classIdOfName } from './reviewSchema';
import type { VideoReviewSession } from './videoReviewSession';

const ID_PREFIX = 'trk-';

export function trackShapeId(index: number): string {
  return `${ID_PREFIX}${index}`;
}

function indexOfShapeId(id: string): number | null {
  if (!id.startsWith(ID_PREFIX)) return null;
  const n = Number(id.slice(ID_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Lets the ordinary editor work on a video review, frame by frame: the
 * editor sees each decided track's box on the current frame as a shape
 * `trk-<part>`; a moved or resized box sets a keyframe there (the redraw),
 * a drawn box is a keyframe of the track `beginRedraw` named (else of the
 * current part), a deleted box drops the track. Undo is the review's.
 */
export class VideoReviewCommitter implements ShapeCommitter {
  private redrawTarget: number | null = null;
  private cache: { draft: unknown; frame: number; shapes: Shape[] } | null = null;

  constructor(
    private readonly session: VideoReviewSession,
    private readonly schema: LabelSchema,
  ) {}

  /** The next box drawn is a keyframe of part `index` on the current frame (R); null: of the current part. */
  beginRedraw(index: number | null): void {
    if (index !== null) this.session.choice(index);
    this.redrawTarget = index;
  }

  redrawing(): number | null {
    return this.redrawTarget;
  }

  getShapes(): readonly Shape[] {
    const draft = this.session.getDraft();
    const frame = this.session.currentFrame();
    if (this.cache?.draft === draft && this.cache.frame === frame) return this.cache.shapes;
    const shapes: Shape[] = [];
    this.session.parts.forEach((part, index) => {
      const track = part.kind === 'track' ? this.session.finalTrack(index) : null;
      const box = track && visibleBoxAtFrame(track, frame);
      if (!track || !box) return;
      shapes.push({
        id: trackShapeId(index),
        projectId: 'review',
        itemId: this.session.dispute.itemId,
        kind: 'box',
        classId: classIdOfName(this.schema, track.className),
        box,
        attributes: {},
        source: { kind: 'human' },
        author: 'reviewer',
        createdAt: 0,
        updatedAt: 0,
        version: 0,
      });
    });
    this.cache = { draft, frame, shapes };
    return shapes;
  }

  commit(change: ShapeChange): void {
    const frame = this.session.currentFrame();
    this.session.group(() => {
      for (const id of change.remove) {
        const index = indexOfShapeId(id);
        if (index !== null) this.session.drop(index);
      }
      for (const shape of change.put) {
        const own = indexOfShapeId(shape.id);
        const target = own ?? this.redrawTarget ?? this.session.currentIndex();
        if (own === null) this.redrawTarget = null;
        if (this.session.parts[target]?.kind !== 'track') continue;
        this.session.setKeyframe(target, frame, shape.box);
        if (own === null) this.session.select(target);
      }
    });
  }

  undo(): void {
    this.session.undo();
  }

  redo(): void {
    this.session.redo();
  }

  canUndo(): boolean {
    return this.session.getSnapshot().canUndo;
  }

  canRedo(): boolean {
    return this.session.getSnapshot().canRedo;
  }

  subscribe(listener: () => void): () => void {
    return this.session.subscribe(listener);
  }
}
