import { useEffect, type RefObject } from 'react';
import { pointerInputOf, wheelInputOf, type CanvasInputSink } from './canvasInput';

/**
 * Feeds the container's pointer and wheel events to the editor in container
 * pixels. Konva's own event system is not used: the editor hit-tests, which
 * keeps the 10,000-box layer free of hit canvases.
 */
export function useCanvasPointer(ref: RefObject<HTMLElement | null>, sink: CanvasInputSink | null): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || !sink) return;
    const down = (e: PointerEvent) => {
      el.focus({ preventScroll: true });
      el.setPointerCapture(e.pointerId);
      if (e.button === 1) e.preventDefault(); // middle-drag pans instead of autoscrolling
      sink.pointerDown(pointerInputOf(e, el));
    };
    const move = (e: PointerEvent) => sink.pointerMove(pointerInputOf(e, el));
    const up = (e: PointerEvent) => {
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      sink.pointerUp(pointerInputOf(e, el));
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      sink.wheel(wheelInputOf(e, el));
    };
    const menu = (e: Event) => e.preventDefault();
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('contextmenu', menu);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
      el.removeEventListener('contextmenu', menu);
    };
  }, [ref, sink]);
}
