import type { Modifiers, PointerInput, Viewport, WheelInput } from '../editor/types';

/** What the canvas feeds pointer input into: the headless editor, or a bench driver. */
export interface CanvasInputSink {
  pointerDown(input: PointerInput): void;
  pointerMove(input: PointerInput): void;
  pointerUp(input: PointerInput): void;
  wheel(input: WheelInput): void;
  setViewport(viewport: Viewport): void;
}

export function modifiersOf(e: { shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): Modifiers {
  return { shift: e.shiftKey, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey };
}

/** Container-relative pixels: the editor's screen space. */
export function pointerInputOf(e: PointerEvent | MouseEvent, container: HTMLElement): PointerInput {
  const r = container.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top, button: e.button, modifiers: modifiersOf(e) };
}

/** Normalises line/page wheel deltas to pixels so zoom speed is the same with every mouse. */
export function wheelInputOf(e: WheelEvent, container: HTMLElement): WheelInput {
  const r = container.getBoundingClientRect();
  const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.height : 1;
  return { x: e.clientX - r.left, y: e.clientY - r.top, deltaX: e.deltaX * scale, deltaY: e.deltaY * scale, modifiers: modifiersOf(e) };
}
