import type { Box } from '../../../../core/model/shape';
import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';
import { clampMove, moveBox } from '../../boxMath';

/** Dragging the selection: only the preview moves until release, then one commit. */
export class SelectTranslating extends StateNode {
  readonly id = 'translating';
  override readonly isGesture = true;
  private start: ToolPointer | null = null;
  private originals: { id: string; box: Box }[] = [];
  private delta = { dx: 0, dy: 0 };

  override onEnter(info: unknown): void {
    this.start = (info as { start: ToolPointer }).start;
    this.originals = this.ctx
      .snapshot()
      .selectedIds.flatMap((id) => {
        const s = this.ctx.shapeById(id);
        return s ? [{ id, box: s.box }] : [];
      });
    this.delta = { dx: 0, dy: 0 };
    this.ctx.setCursor('move');
  }

  override onPointerMove(e: ToolPointer): void {
    const image = this.ctx.imageSize();
    if (!image || !this.start) return;
    this.delta = clampMove(this.originals.map((o) => o.box), e.image.x - this.start.image.x, e.image.y - this.start.image.y, image);
    const boxes = this.originals.map((o) => ({ shapeId: o.id, box: moveBox(o.box, this.delta.dx, this.delta.dy) }));
    this.ctx.setPreview(boxes.length === 1 ? { kind: 'transform', shapeId: boxes[0]!.shapeId, box: boxes[0]!.box, handle: 'move' } : { kind: 'translate', boxes });
  }

  override onPointerUp(): void {
    const { dx, dy } = this.delta;
    this.ctx.setPreview(null);
    if (dx !== 0 || dy !== 0) {
      const put = this.originals.flatMap((o) => {
        const s = this.ctx.shapeById(o.id);
        return s ? [{ ...s, box: moveBox(o.box, dx, dy) }] : [];
      });
      this.ctx.commit({ put, remove: [] }, put.length === 1 ? 'Move box' : `Move ${put.length} boxes`);
    }
    this.machine.transition('idle');
  }

  override onCancel(): void {
    this.ctx.setPreview(null);
    this.machine.transition('idle');
  }
}
