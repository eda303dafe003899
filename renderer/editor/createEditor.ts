import { Editor, type EditorOptions } from './editor';

export type { EditorOptions } from './editor';
export { Editor } from './editor';

/** The headless editor; see README.md for wiring, snapshot, inputs and commands. */
export function createEditor(options: EditorOptions): Editor {
  return new Editor(options);
}
