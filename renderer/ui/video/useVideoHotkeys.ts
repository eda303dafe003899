import { useEffect } from 'react';
import type { VideoController } from '../../editor/video/videoController';
import { modifiersOf } from '../../canvas/canvasInput';
import { isTextEntry } from '../labeling/useEditorHotkeys';

/**
 * Frame keys (F/D/V/C/K/O/R/E/Ctrl+B…) are taken in the capture phase, before
 * the editor's window listener, which then skips them (defaultPrevented).
 * Space is left to both: the editor pans while it is held, the controller
 * plays/pauses on a tap.
 */
export function useVideoHotkeys(controller: VideoController | null, paused: boolean): void {
  useEffect(() => {
    if (!controller || paused) return;
    const input = (e: KeyboardEvent) => ({ key: e.key, code: e.code, modifiers: modifiersOf(e), repeat: e.repeat });
    const down = (e: KeyboardEvent) => {
      if (isTextEntry(e.target)) return;
      if (controller.keyDown(input(e))) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => {
      if (!isTextEntry(e.target)) controller.keyUp(input(e));
    };
    const pointer = () => controller.pointerDown();
    const blur = () => controller.blur();
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up, true);
    window.addEventListener('pointerdown', pointer, true);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up, true);
      window.removeEventListener('pointerdown', pointer, true);
      window.removeEventListener('blur', blur);
    };
  }, [controller, paused]);
}
