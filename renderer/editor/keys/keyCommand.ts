import type { KeyChord } from './chord';

/** One entry of the command and keybinding registry (see registry.ts). */
export interface KeyCommand<Id extends string = string> {
  id: Id;
  /** What it does, in the help overlay's words. */
  description: string;
  /** Section of the help overlay. */
  group: string;
  /** When-clause (when.ts): the contexts in which its keys mean this command. */
  when: string;
  /** Default chords; the user's keymap may replace them. */
  keys: readonly KeyChord[];
  /** May run again while its key is held (auto-repeat); other commands ignore repeats. */
  repeatable?: boolean;
}
