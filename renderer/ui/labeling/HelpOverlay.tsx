import { useEffect, useState } from 'react';
import type { Editor } from '../../editor/createEditor';
import { actionDescriptions, actionGroups, chordOf, defaultKeymap, formatChord, RESERVED_CHORDS } from '../../editor/keymap';
import type { ActionId, Keymap } from '../../editor/types';
import { modifiersOf } from '../../canvas/canvasInput';
import { useStore } from '../StoreContext';
import { KEYMAP_SETTING } from './useEditorSession';
import { Modal } from './Modal';

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta']);

/** The keymap by section; click a key to rebind it (saved in the store's settings). */
export function HelpOverlay({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const store = useStore();
  const [keymap, setKeymap] = useState<Keymap>(() => editor.getKeymap());
  const [listening, setListening] = useState<ActionId | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(next: Keymap) {
    try {
      editor.setKeymap(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setKeymap(next);
    setError(null);
    await store.setSetting(KEYMAP_SETTING, overridesOf(next));
  }

  useEffect(() => {
    if (!listening) return;
    // Capture phase: the chord being recorded must not also run as a command or close the dialog.
    const onKey = (e: KeyboardEvent) => {
      if (MODIFIER_KEYS.has(e.key)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      setListening(null);
      if (e.key === 'Escape') return;
      const chord = chordOf({ key: e.key, code: e.code, modifiers: modifiersOf(e), repeat: e.repeat });
      if (RESERVED_CHORDS.includes(chord)) return setError(`${formatChord(chord)} is reserved (hold it to pan).`);
      void save({ ...keymap, [listening]: [chord] });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide testId="help-overlay">
      <p className="hint">Click a key to change it, then press the new key (Esc keeps the old one). Hold Space and drag, or drag with the middle button, to pan; the wheel zooms at the cursor.</p>
      {error && <div className="field-error">{error}</div>}
      <div style={{ columns: 2, columnGap: 24 }}>
        {actionGroups.map((group) => (
          <div key={group.title} style={{ breakInside: 'avoid', marginBottom: 12 }}>
            <h3>{group.title}</h3>
            <table className="keymap-table">
              <tbody>
                {group.actions.map((action) => (
                  <tr key={action}>
                    <td>{actionDescriptions[action]}</td>
                    <td>
                      <button
                        className={`kbd${listening === action ? ' listening' : ''}`}
                        data-action={action}
                        onClick={() => setListening(action)}
                        aria-label={`Change the key for ${actionDescriptions[action]}`}
                      >
                        {listening === action ? 'press a key…' : keymap[action].map(formatChord).join(' / ') || '—'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <div>
        <button className="btn" onClick={() => void save(defaultKeymap)}>
          Reset to defaults
        </button>
      </div>
    </Modal>
  );
}

/** Only bindings that differ from the defaults are saved, so later default changes still reach users. */
function overridesOf(keymap: Keymap): Partial<Keymap> {
  const out: Partial<Keymap> = {};
  for (const action of Object.keys(keymap) as ActionId[]) {
    if (keymap[action].join(',') !== defaultKeymap[action].join(',')) out[action] = keymap[action];
  }
  return out;
}
