import { videoCommands, type VideoActionId } from '../video/videoKeymap';
import type { KeyChord } from './chord';
import type { KeyCommand } from './keyCommand';
import { labelingCommands, type EditorCommandId } from './labelingCommands';
import { reviewCommands, type ReviewCommandId } from './reviewCommands';

/**
 * The one command and keybinding registry: every command a key can run in
 * labeling, video and review modes, with its when-clause (when.ts) and
 * default chords. Each mode lists its own commands in its own module; the
 * keymap (../keymap.ts) and the dispatcher (dispatcher.ts) work over all.
 */
export type CommandId = EditorCommandId | VideoActionId | ReviewCommandId;

/** Every command's chords: the defaults with the user's rebindings over them. */
export type Keymap = Record<CommandId, KeyChord[]>;

export const KEY_COMMANDS: readonly KeyCommand<CommandId>[] = [...labelingCommands, ...videoCommands, ...reviewCommands];

const byId = new Map<string, KeyCommand<CommandId>>(KEY_COMMANDS.map((c) => [c.id, c]));

export function commandById(id: string): KeyCommand<CommandId> | undefined {
  return byId.get(id);
}

export function isCommandId(id: string): id is CommandId {
  return byId.has(id);
}

export const defaultKeymap: Keymap = Object.fromEntries(KEY_COMMANDS.map((c) => [c.id, [...c.keys]])) as Keymap;
