import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';

/** Screen px the pointer must travel before a press becomes a drag (so clicks don't nudge boxes). */
export const DRAG_THRESHOLD_PX = 3;

/** Pressed on a shape; becomes a move once the pointer travels, a plain click otherwise. */
export class SelectPointingShape extends StateNode {
  readonly id = 'pointingShape';
  private start: ToolPointer | null = null;

  override onEnter(info: unknown): void {
    this.start = (info as { start: ToolPointer }).start;
    this.ctx.setCursor('move');
  }

  override onPointerMove(e: ToolPointer): void {
    const s = this.start!;
    if (Math.hypot(e.screen.x - s.screen.x, e.screen.y - s.screen.y) >= DRAG_THRESHOLD_PX) {
      this.machine.transition('translating', { start: s });
      this.machine.current.onPointerMove(e);
    }
  }

  override onPointerUp(): void {
    this.machine.transition('idle');
  }

  override onCancel(): void {
    this.machine.transition('idle');
  }
}
