import type { Point } from '../../camera';
import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';
import { drawnBox, snapBox } from '../../boxMath';

/** Dragging out a new box; released → committed (or discarded when < 2 px) and back to the select tool. */
export class BoxDrawing extends StateNode {
  readonly id = 'drawing';
  override readonly isGesture = true;
  private start: Point = { x: 0, y: 0 };

  override onEnter(info: unknown): void {
    this.start = (info as { start: ToolPointer }).start.image;
    this.ctx.setCursor('crosshair');
  }

  override onPointerMove(e: ToolPointer): void {
    const image = this.ctx.imageSize();
    const classId = this.ctx.activeClassId();
    if (!image || !classId) return;
    this.ctx.setPreview({ kind: 'draw', box: snapBox(this.start.x, this.start.y, e.image.x, e.image.y, image), classId });
  }

  override onPointerUp(e: ToolPointer): void {
    this.ctx.setPreview(null);
    const image = this.ctx.imageSize();
    const box = image ? drawnBox(this.start.x, this.start.y, e.image.x, e.image.y, image) : null;
    const shape = box ? this.ctx.newBoxShape(box) : null;
    if (!shape) {
      // A stray click: stay ready to draw.
      this.machine.transition('idle');
      return;
    }
    this.ctx.commit({ put: [shape], remove: [] }, 'Draw box');
    this.ctx.select([shape.id]);
    this.machine.transition('idle');
    this.ctx.switchTool('select');
  }

  override onCancel(): void {
    this.ctx.setPreview(null);
    this.machine.transition('idle');
  }
}
