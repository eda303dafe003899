import type { ActionId, AppAction } from './types';
import type { Editor } from './editor';

const NUDGES: Partial<Record<ActionId, [number, number]>> = {
  'edit.nudgeLeft': [-1, 0],
  'edit.nudgeRight': [1, 0],
  'edit.nudgeUp': [0, -1],
  'edit.nudgeDown': [0, 1],
  'edit.nudgeLeftFar': [-10, 0],
  'edit.nudgeRightFar': [10, 0],
  'edit.nudgeUpFar': [0, -10],
  'edit.nudgeDownFar': [0, 10],
};

const APP_ACTIONS = new Set<ActionId>(['item.next', 'item.prev', 'help.toggle', 'item.done', 'prelabel.item']);

/** Zoom step of the keyboard zoom actions. */
const KEY_ZOOM = 1.25;

/** What each keymap action does. */
export function runAction(editor: Editor, action: ActionId, onAppAction?: (a: AppAction) => void): void {
  if (APP_ACTIONS.has(action)) {
    editor.cancelGesture();
    onAppAction?.(action as AppAction);
    return;
  }
  const nudge = NUDGES[action];
  if (nudge) return editor.nudgeSelected(nudge[0], nudge[1]);
  if (action.startsWith('class.')) {
    const cls = editor.getSnapshot().labelSchema.classes[Number(action.slice(6)) - 1];
    if (!cls) return;
    editor.setActiveClass(cls.id);
    if (editor.getSnapshot().selectedIds.length) editor.setClassOfSelected(cls.id);
    return;
  }
  switch (action) {
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
