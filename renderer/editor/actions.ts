import type { ActionId, AppAction } from './types';
import type { Editor } from './editor';
import type { EditorCommandId } from './keys/labelingCommands';

const NUDGES: Partial<Record<string, [number, number]>> = {
  'edit.nudgeLeft': [-1, 0],
  'edit.nudgeRight': [1, 0],
  'edit.nudgeUp': [0, -1],
  'edit.nudgeDown': [0, 1],
  'edit.nudgeLeftFar': [-10, 0],
  'edit.nudgeRightFar': [10, 0],
  'edit.nudgeUpFar': [0, -10],
  'edit.nudgeDownFar': [0, 10],
};

const APP_ACTIONS = new Set<string>(['item.next', 'item.prev', 'help.toggle', 'item.done', 'prelabel.item']);

/** Zoom step of the keyboard zoom actions. */
const KEY_ZOOM = 1.25;

/** What each of the editor's commands does. */
export function runAction(editor: Editor, action: EditorCommandId, onAppAction?: (a: AppAction) => void): void {
  if (APP_ACTIONS.has(action)) {
    editor.cancelGesture();
    onAppAction?.(action as AppAction);
    return;
  }
  const nudge = NUDGES[action];
  if (nudge) return editor.nudgeSelected(nudge[0], nudge[1]);
  // A digit picks the class of the NEXT box and never touches the selection (the box just drawn stays selected).
  if (action.startsWith('class.')) {
    const cls = classInSlot(editor, action);
    if (cls) editor.setActiveClass(cls.id);
    return;
  }
  // CVAT's "Switch label" (Ctrl+digit): the selected boxes get the class; with none selected, the next box does.
  if (action.startsWith('relabel.')) {
    const cls = classInSlot(editor, action);
    if (!cls) return;
    if (editor.getSnapshot().selectedIds.length) editor.setClassOfSelected(cls.id);
    else editor.setActiveClass(cls.id);
    return;
  }
  switch (action as ActionId) {
    case 'tool.box':
      return editor.setTool('box');
    case 'tool.select':
      return editor.setTool('select');
    case 'edit.undo':
      return editor.undo();
    case 'edit.redo':
      return editor.redo();
    case 'edit.delete':
      return editor.deleteSelected();
    case 'edit.cancel':
      return editor.cancel();
    case 'select.all':
      return editor.selectAll();
    case 'select.next':
      return editor.selectNext();
    case 'view.fit':
      return editor.fitToScreen();
    case 'view.zoomIn':
      return editor.zoomBy(KEY_ZOOM);
    case 'view.zoomOut':
      return editor.zoomBy(1 / KEY_ZOOM);
    case 'prelabel.accept':
      return editor.acceptSelected();
    case 'prelabel.acceptAll':
      return editor.acceptAllAbove();
  }
}

function classInSlot(editor: Editor, action: string) {
  return editor.getSnapshot().labelSchema.classes[Number(action.slice(action.indexOf('.') + 1)) - 1];
}

/** A class's own key (schema field `hotkey`, plain, no modifier) picks it for the next box, as a digit does. */
export function runClassHotkey(editor: Editor, key: string, plain: boolean): boolean {
  if (!plain || key.length !== 1) return false;
  const cls = editor.getSnapshot().labelSchema.classes.find((c) => c.hotkey !== undefined && c.hotkey.toLowerCase() === key.toLowerCase());
  if (!cls) return false;
  editor.setActiveClass(cls.id);
  return true;
}
