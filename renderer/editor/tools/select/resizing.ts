import type { Box } from '../../../../core/model/shape';
import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';
import { resizeBox, sameBox } from '../../boxMath';
import { HANDLE_CURSORS, handlePoints } from '../../handles';
import type { HandleId } from '../../types';

/** Dragging one of the 8 handles of the selected shape. */
export class SelectResizing extends StateNode {
  readonly id = 'resizing';
  override readonly isGesture = true;
  private shapeId = '';
  private handle: HandleId = 'se';
  private original: Box | null = null;
  private current: Box | null = null;
  /** Where on the handle the pointer grabbed, so the edge doesn't jump to the pointer. */
  private grabOffset = { x: 0, y: 0 };

  override onEnter(info: unknown): void {
    const { shapeId, handle, start } = info as { shapeId: string; handle: HandleId; start: ToolPointer };
    this.shapeId = shapeId;
    this.handle = handle;
    this.original = this.ctx.shapeById(shapeId)?.box ?? null;
    this.current = this.original;
    const anchor = this.original ? handlePoints(this.original)[handle] : start.image;
    this.grabOffset = { x: start.image.x - anchor.x, y: start.image.y - anchor.y };
    this.ctx.setCursor(HANDLE_CURSORS[handle]);
  }

  override onPointerMove(e: ToolPointer): void {
    const image = this.ctx.imageSize();
    if (!image || !this.original) return;
    this.current = resizeBox(this.original, this.handle, e.image.x - this.grabOffset.x, e.image.y - this.grabOffset.y, image);
    this.ctx.setPreview({ kind: 'transform', shapeId: this.shapeId, box: this.current, handle: this.handle });
  }

  override onPointerUp(): void {
    this.ctx.setPreview(null);
    const shape = this.ctx.shapeById(this.shapeId);
    if (shape && this.current && this.original && !sameBox(this.current, this.original)) {
      this.ctx.commit({ put: [{ ...shape, box: this.current }], remove: [] }, 'Resize box');
    }
    this.machine.transition('idle');
  }

  override onCancel(): void {
    this.ctx.setPreview(null);
    this.machine.transition('idle');
  }
}
