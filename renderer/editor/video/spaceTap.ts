/**
 * Space means two things in the frame view: a tap plays or pauses, a hold
 * with a drag pans (the editor's pan). A press counts as a tap when no
 * pointer went down while it was held.
 */
export class SpaceTap {
  private held = false;
  private dragged = false;

  down(repeat: boolean): void {
    if (repeat || this.held) return;
    this.held = true;
    this.dragged = false;
  }

  pointerDown(): void {
    if (this.held) this.dragged = true;
  }

  /** True when the release ends a tap. */
  up(): boolean {
    const tap = this.held && !this.dragged;
    this.held = false;
    this.dragged = false;
    return tap;
  }

  /** Focus lost: the press is forgotten. */
  reset(): void {
    this.held = false;
    this.dragged = false;
  }
}
