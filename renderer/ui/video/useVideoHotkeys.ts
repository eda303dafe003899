import { useEffect } from 'react';
import type { VideoController } from '../../editor/video/videoController';
import { isTextEntry, keyInputOf } from '../labeling/useEditorHotkeys';

/**
 * Space's play/pause tap and what ends it (a pointer press, a lost focus).
 * The frame keys themselves (F/D/V/C/K/O/R/E/Ctrl+B…) are commands of the
 * editor's one dispatcher, which the controller joins while it is open, so
 * useEditorHotkeys delivers them. Space also reaches the editor, which pans
 * while it is held.
 */
export function useVideoHotkeys(controller: VideoController | null, paused: boolean): void {
  useEffect(() => {
    if (!controller || paused) return;
    const down = (e: KeyboardEvent) => {
      if (!isTextEntry(e.target)) controller.keyDown(keyInputOf(e));
    };
    const up = (e: KeyboardEvent) => {
      if (!isTextEntry(e.target)) controller.keyUp(keyInputOf(e));
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
