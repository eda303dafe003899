import { useEffect, useState } from 'react';
import type { Editor } from '../../editor/createEditor';
import { conflictText, findKeymapConflicts, findKeymapShadows, KeymapConflictError } from '../../editor/keymap';
import { chordOf, formatChord, RESERVED_CHORDS } from '../../editor/keys/chord';
import type { KeyCommand } from '../../editor/keys/keyCommand';
import { commandById, defaultKeymap, KEY_COMMANDS, type CommandId, type Keymap } from '../../editor/keys/registry';
import { keyInputOf } from './useEditorHotkeys';
import { useStore } from '../StoreContext';
import { loadSavedKeymap, saveKeymap } from './useEditorSession';
import { Modal } from './Modal';

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta']);

/** The overlay's sections: each mode's commands by their when-clause. */
const SECTIONS: { title: string; when: string }[] = [
  { title: 'Boxes (every mode)', when: 'editor' },
  { title: 'Labeling session', when: 'labeling' },
  { title: 'Video', when: 'editor && video' },
  { title: 'Reviewer mode', when: 'editor && review' },
];

/** Which binding is waiting for a key: a command's n-th chord, or a new one (index = its chord count). */
interface Capture {
  id: CommandId;
  index: number;
}

/**
 * Every mode's keys from the one registry. Click a key, press the new one:
 * a rebinding that would make a key ambiguous is refused and said in words;
 * the rest is saved at once (setting 'keybindings').
 */
export function HelpOverlay({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const store = useStore();
  const [keymap, setKeymap] = useState<Keymap>(() => editor.getKeymap());
  const [capture, setCapture] = useState<Capture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void loadSavedKeymap(store).then((r) => live && setProblems(r.problems));
    return () => {
      live = false;
    };
  }, [store]);

  async function save(next: Keymap) {
    try {
      editor.setKeymap(next);
    } catch (e) {
      const why = e instanceof KeymapConflictError ? e.conflicts.map(conflictText).join('; ') : e instanceof Error ? e.message : String(e);
      setError(`Not changed: ${why}. Pick another key, or change the other binding first.`);
      return;
    }
    setKeymap(editor.getKeymap());
    setError(null);
    try {
      await saveKeymap(store, editor.getKeymap());
      setProblems([]);
    } catch (e) {
      setError(`The new key works now but could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  useEffect(() => {
    if (!capture) return;
    // Capture phase: the chord being recorded must not also run as a command or close the dialog.
    const onKey = (e: KeyboardEvent) => {
      if (MODIFIER_KEYS.has(e.key)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      setCapture(null);
      if (e.key === 'Escape') return;
      const chord = chordOf(keyInputOf(e));
      if (RESERVED_CHORDS.includes(chord)) return setError(`Not changed: ${formatChord(chord)} is reserved (hold it to pan, tap it to play a video).`);
      const chords = [...keymap[capture.id]];
      chords[capture.index] = chord;
      void save({ ...keymap, [capture.id]: [...new Set(chords)] });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const shadows = findKeymapShadows(keymap);
  const conflicts = findKeymapConflicts(keymap);
  const removeChord = (id: CommandId, index: number) => void save({ ...keymap, [id]: keymap[id].filter((_, i) => i !== index) });

  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide testId="help-overlay">
      <p className="hint" data-testid="class-keys-help">
        Class keys follow CVAT: a digit 1–9 picks the class of the <b>next</b> box and leaves the selected boxes as they are. <b>Ctrl+digit</b> (CVAT’s “Switch label”) gives that class to the selected boxes, or to the next box when none is selected. A browser tab may keep Ctrl+1…8 for switching tabs, so <b>Shift+digit</b> does the same; the ⇢ buttons of the class panel do it with the mouse.
      </p>
      <p className="hint">
        Click a key to change it and press the new one (Esc keeps the old one); + adds a key, × removes one, ↺ restores the default. A key may mean one thing in a video or in reviewer mode and another elsewhere: that is by design and noted under the command. Hold Space and drag, or drag with the middle button, to pan; the wheel zooms at the cursor.
      </p>
      {error && (
        <div className="field-error" role="alert" data-testid="keymap-error">
          {error}
        </div>
      )}
      {conflicts.length > 0 && <div className="field-error">{conflicts.map(conflictText).join('; ')}</div>}
      {problems.length > 0 && (
        <div className="warn-text" data-testid="keymap-problems">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </div>
      )}
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <div style={{ columns: 2, columnGap: 24 }}>
            {groupsOf(KEY_COMMANDS.filter((c) => c.when === section.when)).map(([group, commands]) => (
              <div key={group} style={{ breakInside: 'avoid', marginBottom: 12 }}>
                <h4>{group}</h4>
                <table className="keymap-table">
                  <tbody>
                    {commands.map((c) => (
                      <tr key={c.id} data-testid="key-command" data-command={c.id}>
                        <td>
                          {c.description}
                          {shadows
                            .filter((s) => s.shadowed === c.id)
                            .map((s) => (
                              <div key={s.winner} className="hint">
                                {formatChord(s.chord)} in {s.modes.join(', ')}: {commandById(s.winner)?.description}
                              </div>
                            ))}
                        </td>
                        <td style={{ whiteSpace: 'nowrap' }}>
                          {[...keymap[c.id], null].map((chord, index) => (
                            <span key={index}>
                              <button
                                className={`kbd${capture?.id === c.id && capture.index === index ? ' listening' : ''}`}
                                data-testid="key-binding"
                                data-command={c.id}
                                data-index={index}
                                onClick={() => setCapture({ id: c.id, index })}
                                aria-label={chord ? `Change ${formatChord(chord)} for ${c.description}` : `Add a key for ${c.description}`}
                              >
                                {capture?.id === c.id && capture.index === index ? 'press a key…' : chord ? formatChord(chord) : '+'}
                              </button>
                              {chord && keymap[c.id].length > 1 && (
                                <button className="btn ghost icon" aria-label={`Remove ${formatChord(chord)} from ${c.description}`} onClick={() => removeChord(c.id, index)}>
                                  ×
                                </button>
                              )}{' '}
                            </span>
                          ))}
                          {keymap[c.id].join(',') !== defaultKeymap[c.id].join(',') && (
                            <button className="btn ghost icon" data-testid="key-reset" data-command={c.id} aria-label={`Restore the default key of ${c.description}`} onClick={() => void save({ ...keymap, [c.id]: [...defaultKeymap[c.id]] })}>
                              ↺
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </section>
      ))}
      <div>
        <button className="btn" data-testid="keymap-reset-all" onClick={() => void save(defaultKeymap)}>
          Restore every default
        </button>
      </div>
    </Modal>
  );
}

function groupsOf(commands: readonly KeyCommand<CommandId>[]): [string, KeyCommand<CommandId>[]][] {
  const groups = new Map<string, KeyCommand<CommandId>[]>();
  for (const c of commands) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups];
}
