import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';

/** Box tool at rest: a left press starts a box with the active class. */
export class BoxIdle extends StateNode {
  readonly id = 'idle';

  override onEnter(): void {
    this.ctx.setHover(null);
    this.ctx.setCursor('crosshair');
  }

  override onPointerDown(e: ToolPointer): void {
    if (e.input.button !== 0 || !this.ctx.activeClassId() || !this.ctx.imageSize()) return;
    this.machine.transition('drawing', { start: e });
  }

  override cursor(): string {
    return 'crosshair';
  }
}
