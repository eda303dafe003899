import type { ActionId } from '../types';
import type { KeyCommand } from './keyCommand';

export type ClassSlot = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** Give the n-th class to the selected boxes (CVAT's "Switch label"). */
export type RelabelAction = `relabel.${ClassSlot}`;
/** Everything the editor itself runs from a key. */
export type EditorCommandId = ActionId | RelabelAction;

const SLOTS: readonly ClassSlot[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

const editor = (id: EditorCommandId, description: string, group: string, keys: string[], repeatable = false): KeyCommand<EditorCommandId> => ({ id, description, group, when: 'editor', keys, repeatable });
const session = (id: EditorCommandId, description: string, group: string, keys: string[]): KeyCommand<EditorCommandId> => ({ id, description, group, when: 'labeling', keys });

/**
 * The box editor's commands (every mode) and the labeling session's (items,
 * pre-labels, help). Defaults follow CVAT where it has a convention: N draws,
 * F/D next/previous, a digit picks the class of the next box and Ctrl+digit
 * ("Switch label") gives it to the selected boxes — or, with none selected,
 * to the next box. A browser tab may keep Ctrl+1…8 for switching tabs, so
 * Shift+digit does the same.
 */
export const labelingCommands: readonly KeyCommand<EditorCommandId>[] = [
  editor('tool.box', 'Draw a new box', 'Tools', ['n']),
  editor('tool.select', 'Select and move boxes', 'Tools', ['v']),
  editor('edit.undo', 'Undo', 'Edit', ['ctrl+z'], true),
  editor('edit.redo', 'Redo', 'Edit', ['ctrl+shift+z', 'ctrl+y'], true),
  editor('edit.delete', 'Delete the selected boxes', 'Edit', ['delete', 'backspace']),
  editor('edit.cancel', 'Cancel the current drag, or clear the selection', 'Edit', ['escape']),
  editor('select.all', 'Select all boxes', 'Edit', ['ctrl+a']),
  editor('select.next', 'Select the next box', 'Edit', ['tab'], true),
  editor('edit.nudgeLeft', 'Move the selection 1 px left', 'Move', ['arrowleft'], true),
  editor('edit.nudgeRight', 'Move the selection 1 px right', 'Move', ['arrowright'], true),
  editor('edit.nudgeUp', 'Move the selection 1 px up', 'Move', ['arrowup'], true),
  editor('edit.nudgeDown', 'Move the selection 1 px down', 'Move', ['arrowdown'], true),
  editor('edit.nudgeLeftFar', 'Move the selection 10 px left', 'Move', ['shift+arrowleft'], true),
  editor('edit.nudgeRightFar', 'Move the selection 10 px right', 'Move', ['shift+arrowright'], true),
  editor('edit.nudgeUpFar', 'Move the selection 10 px up', 'Move', ['shift+arrowup'], true),
  editor('edit.nudgeDownFar', 'Move the selection 10 px down', 'Move', ['shift+arrowdown'], true),
  ...SLOTS.map((n) => editor(`class.${n}`, `Class ${n} for the next box (the selection keeps its class)`, 'Classes', [String(n)])),
  ...SLOTS.map((n) => editor(`relabel.${n}`, `Give class ${n} to the selected boxes (none selected: to the next box)`, 'Classes', [`ctrl+${n}`, `shift+${n}`])),
  editor('view.fit', 'Fit the image to the screen', 'View', ['h', 'home']),
  editor('view.zoomIn', 'Zoom in', 'View', ['=', '+'], true),
  editor('view.zoomOut', 'Zoom out', 'View', ['-'], true),
  session('item.next', 'Next item', 'Items', ['f']),
  session('item.prev', 'Previous item', 'Items', ['d']),
  session('item.done', 'Mark the item done', 'Items', ['ctrl+enter']),
  session('help.toggle', 'Show or hide the keyboard shortcuts', 'Items', ['f1', '?']),
  // CVAT has no convention for model review; Enter/Shift+Enter sit next to Ctrl+Enter (done), Ctrl+L = "label".
  session('prelabel.item', 'Pre-label this item with the project’s model', 'Pre-labels', ['ctrl+l']),
  editor('prelabel.accept', 'Accept the selected pre-label as predicted', 'Pre-labels', ['enter']),
  editor('prelabel.acceptAll', 'Accept all pre-labels at or above the accept threshold', 'Pre-labels', ['shift+enter']),
];
