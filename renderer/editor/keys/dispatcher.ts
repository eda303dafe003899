import type { KeyInput } from '../types';
import { chordOf, type KeyChord } from './chord';
import type { KeyCommand } from './keyCommand';
import { chordLookup, mergeKeymap } from '../keymap';
import { commandById, defaultKeymap, type CommandId, type Keymap } from './registry';
import { specificity, whenHolds, type KeyContext } from './when';

/** Runs a command; returning false declines it (the next, less specific binding of the chord is tried). */
export type CommandRunner = (id: CommandId, input: KeyInput) => boolean | void;

/** A mode's part of the keyboard: the contexts it turns on and the commands it runs. */
export interface KeyLayer {
  contexts: readonly KeyContext[];
  commands: readonly KeyCommand<CommandId>[];
  run: CommandRunner;
}

/**
 * The one dispatcher: a key event → the command its chord means under the
 * active contexts (the most specific when-clause wins, as in VS Code) → the
 * layer that runs it. The editor owns one; the video controller and
 * reviewer mode add their layers to it while they are open.
 */
export class KeyDispatcher {
  private keymap: Keymap;
  private lookup: Map<KeyChord, CommandId[]>;
  private readonly layers = new Set<{ layer: KeyLayer; ids: ReadonlySet<string> }>();

  constructor(overrides?: Partial<Record<string, readonly KeyChord[]>>) {
    this.keymap = overrides ? mergeKeymap(overrides) : defaultKeymap;
    this.lookup = chordLookup(this.keymap);
  }

  /** Replaces the user's rebindings; throws KeymapConflictError (naming each conflict) and keeps the old keymap if they clash. */
  setKeymap(overrides: Partial<Record<string, readonly KeyChord[]>>): void {
    const merged = mergeKeymap(overrides);
    this.keymap = merged;
    this.lookup = chordLookup(merged);
  }

  getKeymap(): Keymap {
    return this.keymap;
  }

  /** A mode's commands go live until the returned function is called. */
  addLayer(layer: KeyLayer): () => void {
    const entry = { layer, ids: new Set<string>(layer.commands.map((c) => c.id)) };
    this.layers.add(entry);
    return () => {
      this.layers.delete(entry);
    };
  }

  activeContexts(): Set<string> {
    return new Set([...this.layers].flatMap((e) => e.layer.contexts));
  }

  /** The commands a chord means now, most specific first, each with the layer that runs it. */
  candidates(chord: KeyChord): { command: KeyCommand<CommandId>; run: CommandRunner }[] {
    const active = this.activeContexts();
    return (this.lookup.get(chord) ?? [])
      .map((id) => ({ command: commandById(id)!, entry: [...this.layers].find((e) => e.ids.has(id)) }))
      .filter((c) => c.entry && whenHolds(c.command.when, active))
      .sort((a, b) => specificity(b.command.when) - specificity(a.command.when))
      .map((c) => ({ command: c.command, run: c.entry!.layer.run }));
  }

  /** True when a command took the key (the caller then prevents the browser's default). */
  keyDown(input: KeyInput): boolean {
    for (const { command, run } of this.candidates(chordOf(input))) {
      // A held key repeats only what is meant to repeat (nudges, frames); the rest is still "taken".
      if (input.repeat && !command.repeatable) return true;
      if (run(command.id, input) !== false) return true;
    }
    return false;
  }
}
