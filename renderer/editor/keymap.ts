import { formatChord, KeymapError, normalizeChord, RESERVED_CHORDS, type KeyChord } from './keys/chord';
import { commandById, defaultKeymap, isCommandId, KEY_COMMANDS, type CommandId, type Keymap } from './keys/registry';
import { sharedModes, specificity } from './keys/when';

/**
 * The user's keymap: the registry's defaults with the user's rebindings
 * over them, for every mode at once.
 *
 * The rule for two commands on one chord: if some mode makes both active and
 * their when-clauses are equally specific, it is a CONFLICT (the key would be
 * ambiguous) and the keymap is refused. If one clause is more specific, it
 * SHADOWS the other in the modes they share — by design (F is "next frame"
 * in a video and "next item" elsewhere); the help overlay says so.
 */

export interface KeymapConflict {
  chord: KeyChord;
  commands: CommandId[];
  /** Titles of the modes in which the chord is ambiguous. */
  modes: string[];
}

export interface KeymapShadow {
  chord: KeyChord;
  /** The command the chord runs where both are active… */
  winner: CommandId;
  /** …instead of this one. */
  shadowed: CommandId;
  modes: string[];
}

/** chord → commands bound to it, for dispatch and the checks below. */
export function chordLookup(keymap: Keymap): Map<KeyChord, CommandId[]> {
  const out = new Map<KeyChord, CommandId[]>();
  for (const [id, chords] of Object.entries(keymap) as [CommandId, KeyChord[]][]) {
    for (const c of new Set(chords.map(normalizeChord))) out.set(c, [...(out.get(c) ?? []), id]);
  }
  return out;
}

function pairsOn(keymap: Keymap, visit: (chord: KeyChord, a: CommandId, b: CommandId, modes: string[]) => void): void {
  for (const [chord, ids] of chordLookup(keymap)) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const modes = sharedModes(commandById(ids[i]!)!.when, commandById(ids[j]!)!.when).map((m) => m.title);
        if (modes.length) visit(chord, ids[i]!, ids[j]!, modes);
      }
    }
  }
}

export function findKeymapConflicts(keymap: Keymap): KeymapConflict[] {
  const out: KeymapConflict[] = [];
  pairsOn(keymap, (chord, a, b, modes) => {
    if (specificity(commandById(a)!.when) === specificity(commandById(b)!.when)) out.push({ chord, commands: [a, b], modes });
  });
  return out;
}

export function findKeymapShadows(keymap: Keymap): KeymapShadow[] {
  const out: KeymapShadow[] = [];
  pairsOn(keymap, (chord, a, b, modes) => {
    const sa = specificity(commandById(a)!.when);
    const sb = specificity(commandById(b)!.when);
    if (sa !== sb) out.push({ chord, winner: sa > sb ? a : b, shadowed: sa > sb ? b : a, modes });
  });
  return out;
}

/** A conflict in words: 'Ctrl+1 is bound to both "Give class 1…" and "Draw a new box" (Labeling images).' */
export function conflictText(conflict: KeymapConflict): string {
  const names = conflict.commands.map((id) => `"${commandById(id)?.description ?? id}"`).join(' and ');
  return `${formatChord(conflict.chord)} is bound to both ${names} (${conflict.modes.join(', ')})`;
}

export class KeymapConflictError extends KeymapError {
  override name = 'KeymapConflictError';
  constructor(readonly conflicts: KeymapConflict[]) {
    super(`${conflicts.map(conflictText).join('; ')}.`);
  }
}

/** One saved rebinding, checked: known command, a list of well-formed chords, no reserved key. */
function checkedOverride(id: string, chords: unknown): [CommandId, KeyChord[]] {
  if (!isCommandId(id)) throw new KeymapError(`unknown command "${id}"`);
  if (!Array.isArray(chords) || !chords.every((c) => typeof c === 'string')) throw new KeymapError(`${id}: expected a list of key chords`);
  const normal = [...new Set(chords.map(normalizeChord))];
  const reserved = normal.find((c) => RESERVED_CHORDS.includes(c));
  if (reserved) throw new KeymapError(`${id}: "${reserved}" is reserved (hold it to pan, tap it to play)`);
  return [id, normal];
}

/** Rebindings over the defaults, normalised and checked; throws KeymapError / KeymapConflictError naming what is wrong. */
export function mergeKeymap(overrides: Partial<Record<string, readonly KeyChord[]>> = {}): Keymap {
  const merged: Keymap = { ...defaultKeymap };
  for (const [id, chords] of Object.entries(overrides)) {
    const [command, normal] = checkedOverride(id, chords);
    merged[command] = normal;
  }
  const conflicts = findKeymapConflicts(merged);
  if (conflicts.length) throw new KeymapConflictError(conflicts);
  return merged;
}

/**
 * A saved keymap as it comes from settings (possibly old, possibly edited by
 * hand): every rebinding that is sound is applied; each one that is not is
 * left out and named in `problems`, so one bad entry never costs the rest.
 * `legacy` is the labeling-only 'keymap' setting of earlier versions: its
 * command ids are the registry's, so it is read the same way when nothing
 * newer was saved.
 */
export function loadKeymap(saved: unknown, legacy?: unknown): { keymap: Keymap; problems: string[] } {
  const source = saved ?? legacy;
  const problems: string[] = [];
  let keymap: Keymap = { ...defaultKeymap };
  if (source === undefined || source === null) return { keymap, problems };
  if (typeof source !== 'object' || Array.isArray(source)) return { keymap, problems: ['The saved keyboard shortcuts are not a keymap; the defaults are used.'] };
  for (const [id, chords] of Object.entries(source as Record<string, unknown>)) {
    try {
      const [command, normal] = checkedOverride(id, chords);
      const next = { ...keymap, [command]: normal };
      const conflicts = findKeymapConflicts(next);
      if (conflicts.length) throw new KeymapConflictError(conflicts);
      keymap = next;
    } catch (e) {
      if (!(e instanceof KeymapError)) throw e;
      problems.push(`A saved shortcut was not applied: ${e.message}`);
    }
  }
  return { keymap, problems };
}

/** Only bindings that differ from the defaults are saved, so later default changes still reach users. */
export function overridesOf(keymap: Keymap): Partial<Keymap> {
  const out: Partial<Keymap> = {};
  for (const c of KEY_COMMANDS) {
    if (keymap[c.id].join(',') !== c.keys.join(',')) out[c.id] = keymap[c.id];
  }
  return out;
}
