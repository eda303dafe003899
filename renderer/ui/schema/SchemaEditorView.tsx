import { useState } from 'react';
import { paletteColor, type LabelSchema } from '../../../core/model/labelSchema';
import type { Project } from '../../../core/model/project';
import { newId } from '../../../core/util/ids';
import { ClassInUseError, type ClassUsage } from '../../store/errors';
import type { RemovedClassAction } from '../../store/labelSchemaUpdate';
import { useStore } from '../StoreContext';
import { ClassEditor } from './ClassEditor';
import { ClassRemovalPrompt } from './ClassRemovalPrompt';
import { validateSchema } from './validateSchema';

/** Edit classes (name, colour, hotkey) and their typed attributes; saved as one store update. */
export function SchemaEditorView({ project, onDone }: { project: Project; onDone: () => void }) {
  const store = useStore();
  const [draft, setDraft] = useState<LabelSchema>(project.labelSchema);
  const [inUse, setInUse] = useState<ClassUsage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = validateSchema(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(project.labelSchema);

  async function save(removedClasses?: Record<string, RemovedClassAction>) {
    setSaving(true);
    setError(null);
    try {
      await store.updateLabelSchema(project.id, draft, { removedClasses });
      setInUse(null);
      onDone();
    } catch (e) {
      if (e instanceof ClassInUseError) setInUse(e.usage);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  const addClass = () => setDraft({ classes: [...draft.classes, { id: newId('cls_'), name: '', color: paletteColor(draft.classes.length), attributes: [] }] });

  return (
    <div className="page">
      <div className="page-narrow" data-testid="schema-editor">
        <div className="row">
          <h1 className="grow">Label schema</h1>
          <button className="btn" onClick={onDone}>
            Cancel
          </button>
          <button className="btn primary" data-testid="schema-save-button" disabled={!dirty || problems.size > 0 || saving} onClick={() => void save()}>
            Save
          </button>
        </div>
        <p className="hint">Number keys 1–9 pick classes by position; a class can also have its own letter hotkey. Attributes are filled in per box in the labeling view.</p>
        {problems.size > 0 && <div className="field-error">Fix the fields marked in red to save.</div>}
        {error && <div className="error-box">{error}</div>}
        {inUse && <ClassRemovalPrompt usage={inUse} schema={draft} onCancel={() => setInUse(null)} onConfirm={(actions) => void save(actions)} />}
        {draft.classes.map((c, i) => (
          <ClassEditor
            key={c.id}
            cls={c}
            index={i}
            problems={problems}
            onChange={(next) => setDraft({ classes: draft.classes.map((x, k) => (k === i ? next : x)) })}
            onRemove={() => setDraft({ classes: draft.classes.filter((_, k) => k !== i) })}
          />
        ))}
        <div>
          <button className="btn" data-testid="add-class-button" onClick={addClass}>
            + Class
          </button>
        </div>
      </div>
    </div>
  );
}
