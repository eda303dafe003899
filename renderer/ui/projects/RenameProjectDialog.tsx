import { useState } from 'react';
import type { Project } from '../../../core/model/project';
import { checkProjectName, PROJECT_NAME_MAX, renameProject } from '../../store/projectLifecycle';
import { Modal } from '../labeling/Modal';
import { useStore } from '../StoreContext';

/** A new name for a project: trimmed, not empty, at most PROJECT_NAME_MAX characters; the error says which. */
export function RenameProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const store = useStore();
  const [name, setName] = useState(project.name);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const checked = checkProjectName(name);

  async function save() {
    if (checked.error !== null) return;
    setSaving(true);
    setSaveError(null);
    try {
      await renameProject(store, project.id, name);
      onClose();
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  }

  return (
    <Modal title="Rename project" onClose={onClose} testId="rename-project-dialog">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Project name</span>
          <input className={`input${checked.error ? ' invalid' : ''}`} data-testid="rename-project-input" value={name} maxLength={PROJECT_NAME_MAX + 40} autoFocus onChange={(e) => setName(e.target.value)} />
          {checked.error && (
            <span className="field-error" data-testid="rename-project-error">
              {checked.error}
            </span>
          )}
        </label>
        {saveError && <div className="error-box">{saveError}</div>}
        <div className="row">
          <span className="grow" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" data-testid="rename-project-save" disabled={saving || checked.error !== null}>
            Rename
          </button>
        </div>
      </form>
    </Modal>
  );
}
