import type { ToolId } from '../../editor/types';

/**
 * The editor names its states for code ("select.translating"); the status bar
 * says what the annotator is doing. An unknown state (a tool added later)
 * falls back to its tool's name rather than showing the code name.
 */
const words: Record<string, (selected: number) => string> = {
  'select.idle': () => 'Select',
  'select.pointingShape': () => 'Select',
  'select.translating': (n) => (n > 1 ? `Moving ${n} boxes` : 'Moving a box'),
  'select.resizing': () => 'Resizing a box',
  'box.idle': () => 'Draw boxes: drag on the image',
  'box.drawing': () => 'Drawing a box',
};

const toolNames: Record<ToolId, string> = { select: 'Select', box: 'Draw boxes' };

export function toolStateWords(toolState: string, selectedCount: number): string {
  const say = words[toolState];
  if (say) return say(selectedCount);
  const tool = toolState.split('.')[0] as ToolId;
  return toolNames[tool] ?? 'Select';
}
