import { useEffect } from 'react';
import type { Editor } from '../../editor/createEditor';
import type { KeyInput } from '../../editor/types';
import { modifiersOf } from '../../canvas/canvasInput';

/** Typing in a field must never draw boxes or switch items. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function keyInputOf(e: KeyboardEvent): KeyInput {
  return { key: e.key, code: e.code, modifiers: modifiersOf(e), repeat: e.repeat };
}

/**
 * Window keys → editor.keyDown/keyUp, unless focus is in a form field or
 * `paused` (e.g. a dialog is open). The editor's dispatcher resolves every
 * mode's commands (labeling, video, review) from the one keymap.
 */
export function useEditorHotkeys(editor: Editor | null, paused: boolean): void {
  useEffect(() => {
    if (!editor || paused) return;
    const down = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      if (editor.keyDown(keyInputOf(e))) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => {
      if (!isTextEntry(e.target)) editor.keyUp(keyInputOf(e));
    };
    const blur = () => editor.blur();
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
      editor.blur();
    };
  }, [editor, paused]);
}
