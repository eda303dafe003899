import type { LabelSchema } from '../../core/model/labelSchema';
import type { Box, Shape } from '../../core/model/shape';
import type { ShapeChange } from '../document/shapeChange';
import type { ShapeCommitter } from '../document/shapeCommitter';
import { classIdOfName, classNameOfId } from './reviewSchema';
import type { ReviewSession } from './reviewSession';
import type { ReviewDraft } from './reviewTypes';

const ID_PREFIX = 'obj-';

export function objectShapeId(index: number): string {
  return `${ID_PREFIX}${index}`;
}

function indexOfShapeId(id: string): number | null {
  if (!id.startsWith(ID_PREFIX)) return null;
  const n = Number(id.slice(ID_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

const sameBox = (a: Box, b: Box) => Math.abs(a.x - b.x) < 0.005 && Math.abs(a.y - b.y) < 0.005 && Math.abs(a.w - b.w) < 0.005 && Math.abs(a.h - b.h) < 0.005;

/**
 * Lets the ordinary editor (its box tool, select/move/resize, undo keys) work
 * on a review: the editor sees each decided object's final label as a shape
 * `obj-<index>`, and every change it proposes becomes a review decision —
 * a moved or resized box is a redraw, a new box is a redraw of the object
 * `beginRedraw` named or else an object the annotators missed, a deleted box
 * is dropped. Undo and redo are the review's own.
 */
export class ReviewCommitter implements ShapeCommitter {
  private redrawTarget: number | null = null;
  private cache: { draft: ReviewDraft; shapes: Shape[] } | null = null;

  constructor(
    private readonly session: ReviewSession,
    private readonly schema: LabelSchema,
  ) {}

  /** The next box drawn replaces object `index`'s box (R); null: the next box is a new object. */
  beginRedraw(index: number | null): void {
    if (index !== null) this.session.decision(index);
    this.redrawTarget = index;
  }

  redrawing(): number | null {
    return this.redrawTarget;
  }

  getShapes(): readonly Shape[] {
    const draft = this.session.getDraft();
    if (this.cache?.draft === draft) return this.cache.shapes;
    const shapes: Shape[] = [];
    draft.decisions.forEach((_, index) => {
      const final = this.session.finalShape(index);
      if (!final) return;
      shapes.push({
        id: objectShapeId(index),
        projectId: 'review',
        itemId: this.session.dispute.itemId,
        kind: 'box',
        classId: classIdOfName(this.schema, final.className),
        box: final.box,
        attributes: {},
        source: { kind: 'human' },
        author: 'reviewer',
        createdAt: 0,
        updatedAt: 0,
        version: 0,
      });
    });
    this.cache = { draft, shapes };
    return shapes;
  }

  commit(change: ShapeChange): void {
    this.session.group(() => {
      const removed = change.remove.map(indexOfShapeId).filter((i): i is number => i !== null);
      // Highest first: removing an added object shifts the ones after it.
      for (const index of removed.sort((a, b) => b - a)) this.session.drop(index);
      for (const shape of change.put) this.applyPut(shape);
    });
  }

  private applyPut(shape: Shape): void {
    const className = classNameOfId(this.schema, shape.classId);
    const index = indexOfShapeId(shape.id);
    if (index !== null && index < this.session.objectCount) {
      const final = this.session.finalShape(index);
      if (final && !sameBox(final.box, shape.box)) this.session.redraw(index, shape.box);
      if (final && final.className !== className) this.session.setClass(index, className);
      return;
    }
    if (this.redrawTarget !== null) {
      const target = this.redrawTarget;
      this.redrawTarget = null;
      this.session.redraw(target, shape.box);
      this.session.select(target);
      return;
    }
    this.session.addObject(shape.box, className);
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
