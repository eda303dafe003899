import { useState } from 'react';
import type { Project } from '../../../core/model/project';
import { deleteProjectAndLabels, projectContents } from '../../store/projectLifecycle';
import { Modal } from '../labeling/Modal';
import { useStore } from '../StoreContext';
import { useStoreQuery } from '../useStoreQuery';
import { plural } from '../words/plural';

/**
 * Deleting says what goes: the images or videos (from Groundwork; the files stay on disk) and the labels.
 * Signed batches the hub has not accepted exist nowhere else, so they need a second, explicit tick;
 * an upload in progress refuses outright until it is done.
 */
export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const store = useStore();
  const { data: contents, error: readError } = useStoreQuery((s) => projectContents(s, project.id), [project.id]);
  const [discardUnsynced, setDiscardUnsynced] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const blocked = !contents || contents.uploading > 0 || (contents.unsynced > 0 && !discardUnsynced);

  async function remove() {
    setDeleting(true);
    setDeleteError(null);
    try {
      await deleteProjectAndLabels(store, project.id, { discardUnsynced });
      onClose();
    } catch (e) {
      setDeleteError(e instanceof Error ? e.message : String(e));
      setDeleting(false);
    }
  }

  const media = contents ? [contents.images > 0 || contents.videos === 0 ? plural(contents.images, 'image') : null, contents.videos > 0 ? plural(contents.videos, 'video') : null].filter(Boolean).join(' and ') : '';
  return (
    <Modal title={`Delete “${project.name}”?`} onClose={onClose} testId="delete-project-dialog">
      {readError !== null && <div className="error-box">Could not read the project: {String(readError)}</div>}
      {contents && (
        <div className="stack">
          <p data-testid="delete-project-summary">
            This deletes {media} and <b>{plural(contents.labels, 'label')}</b> from Groundwork. It cannot be undone. The files in <span className="mono">{project.rootPath}</span> stay on disk.
          </p>
          {contents.hubTasks > 0 && <p className="hint">It holds {plural(contents.hubTasks, 'hub task')}; you can download it again from the Network view.</p>}
          {contents.uploading > 0 && (
            <div className="error-box" data-testid="delete-project-uploading">
              Labels of this project are being uploaded right now. Wait until the upload finishes, then delete.
            </div>
          )}
          {contents.unsynced > 0 && (
            <div className="warn-box stack" data-testid="delete-project-unsynced">
              <span>
                <b>{plural(contents.unsynced, 'signed batch', 'signed batches')}</b> of this project {contents.unsynced === 1 ? 'has' : 'have'} not been accepted by the hub yet. They exist only here: deleting loses that work and its pay. Open the Network view to send them first.
              </span>
              <label className="row">
                <input type="checkbox" data-testid="discard-unsynced-checkbox" checked={discardUnsynced} onChange={(e) => setDiscardUnsynced(e.target.checked)} />
                Delete them too
              </label>
            </div>
          )}
        </div>
      )}
      {deleteError && <div className="error-box">{deleteError}</div>}
      <div className="row">
        <span className="grow" />
        <button className="btn" data-testid="delete-project-cancel" onClick={onClose}>
          Keep the project
        </button>
        <button className="btn danger-solid" data-testid="delete-project-confirm" disabled={blocked || deleting} onClick={() => void remove()}>
          Delete project
        </button>
      </div>
    </Modal>
  );
}
