import { StateNode } from '../../stateNode';
import type { ToolPointer } from '../../toolContext';
import { HANDLE_CURSORS } from '../../handles';

/** Waiting: hover feedback; a press picks a handle, a shape, or clears the selection. */
export class SelectIdle extends StateNode {
  readonly id = 'idle';

  override onEnter(): void {
    this.ctx.setCursor('default');
  }

  override onPointerMove(e: ToolPointer): void {
    const handle = this.ctx.hitSelectedHandle(e.screen);
    if (handle) {
      this.ctx.setHover(handle.shapeId);
      this.ctx.setCursor(HANDLE_CURSORS[handle.handle]);
      return;
    }
    const id = this.ctx.hitShape(e.image);
    this.ctx.setHover(id);
    this.ctx.setCursor(id ? 'move' : 'default');
  }

  override onPointerDown(e: ToolPointer): void {
    if (e.input.button !== 0) return;
    const handle = this.ctx.hitSelectedHandle(e.screen);
    if (handle) {
      this.machine.transition('resizing', { shapeId: handle.shapeId, handle: handle.handle, start: e });
      return;
    }
    const id = this.ctx.hitShape(e.image);
    const selected = this.ctx.snapshot().selectedIds;
    if (!id) {
      if (!e.input.modifiers.shift) this.ctx.select([]);
      return;
    }
    if (e.input.modifiers.shift) {
      // Shift toggles; a shape just removed from the selection is not dragged.
      if (selected.includes(id)) {
        this.ctx.select(selected.filter((s) => s !== id));
        return;
      }
      this.ctx.select([...selected, id]);
    } else if (!selected.includes(id)) {
      this.ctx.select([id]);
    }
    this.machine.transition('pointingShape', { start: e });
  }
}
