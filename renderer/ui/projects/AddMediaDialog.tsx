import { useState } from 'react';
import type { Project } from '../../../core/model/project';
import type { IntakeReport, MediaRoot } from '../../../electron/common/services';
import { planMediaAddition, prefixInside, projectKind, type MediaAddition, type MediaKind } from '../../store/projectMedia';
import { Modal } from '../labeling/Modal';
import { FolderField } from '../newProject/FolderField';
import { IntakeProgress } from '../newProject/IntakeProgress';
import { useFolderScan } from '../newProject/useFolderScan';
import { useStore } from '../StoreContext';
import { plural } from '../words/plural';

const ADD_FOLDER = { label: "Folder to add (the project's folder or one inside it; subfolders included)", title: 'Folder to add', testId: 'add-media-folder-input', placeholder: '/path/to/project/new' };

type Planned = { kind: MediaKind; plan: MediaAddition } | { refused: string };

/**
 * Adds new files to an existing project through the same intake scan as a new project. Items live under the
 * project's one folder, so the folder must be that folder or inside it; files already in the project (same
 * bytes) are skipped, and files of the other kind (videos for an image project) are left out, each counted.
 */
export function AddMediaDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const store = useStore();
  const { state, scan } = useFolderScan();
  const [folder, setFolder] = useState(project.rootPath);
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<{ count: number; kind: MediaKind } | null>(null);
  const [addError, setAddError] = useState<string | null>(null);

  async function scanFolder() {
    setPlanned(null);
    setAdded(null);
    setAddError(null);
    const scanned = await scan(folder.trim());
    if (scanned) setPlanned(await planFor(scanned.root, scanned.report));
  }

  async function planFor(root: MediaRoot, report: IntakeReport): Promise<Planned> {
    const prefix = prefixInside(project.rootPath, root.path);
    if (prefix === null) {
      return { refused: `${root.path} is outside the project's folder ${project.rootPath}. The project reads its files from there: copy or move the new files into it (a subfolder is fine), then add that folder.` };
    }
    const existing = await store.listItems(project.id);
    const videosOnly = report.accepted.length > 0 && report.accepted.every((a) => a.kind === 'video');
    const kind = projectKind(existing) ?? (videosOnly ? 'video' : 'image');
    return { kind, plan: planMediaAddition(kind, existing, report, prefix) };
  }

  async function add() {
    if (!planned || 'refused' in planned) return;
    setAdding(true);
    setAddError(null);
    try {
      setAdded({ count: (await store.addItems(project.id, planned.plan.rows)).length, kind: planned.kind });
      setPlanned(null);
    } catch (e) {
      setAddError(e instanceof Error ? e.message : String(e));
    } finally {
      setAdding(false);
    }
  }

  const plan = planned && !('refused' in planned) ? planned : null;
  const noun = plan?.kind === 'video' ? 'video' : 'image';
  const other = plan?.kind === 'video' ? 'image' : 'video';
  return (
    <Modal title={`Add files to “${project.name}”`} onClose={onClose} wide testId="add-media-dialog">
      <FolderField value={folder} onChange={setFolder} text={ADD_FOLDER} />
      <div className="row">
        <button className="btn" data-testid="add-media-scan" disabled={folder.trim() === '' || state.phase === 'scanning' || adding} onClick={() => void scanFolder()}>
          Scan folder
        </button>
        <span className="hint">Every file is read once; files already in the project are skipped.</span>
      </div>
      {state.phase === 'scanning' && <IntakeProgress job={state.job} />}
      {state.phase === 'failed' && <div className="error-box">The scan failed: {state.error}</div>}
      {planned && 'refused' in planned && (
        <div className="error-box" data-testid="add-media-refused">
          {planned.refused}
        </div>
      )}
      {plan && (
        <div className="stack" data-testid="add-media-plan">
          <div className={plan.plan.rows.length > 0 ? 'ok-box' : 'warn-box'} data-testid="add-media-summary">
            <b>{plural(plan.plan.rows.length, `new ${noun}`)}</b> to add · {plural(plan.plan.duplicates, 'file')} already in the project, skipped
            {state.phase === 'done' && state.report.rejected.length > 0 && ` · ${plural(state.report.rejected.length, 'file')} unreadable, left out`}
          </div>
          {plan.plan.otherKind > 0 && (
            <div className="warn-box" data-testid="add-media-other-kind">
              {plural(plan.plan.otherKind, other)} left out: this is {plan.kind === 'video' ? 'a video' : 'an image'} project. Make a new project for the {other}s.
            </div>
          )}
        </div>
      )}
      {added !== null && (
        <div className="ok-box" data-testid="add-media-done">
          Added {plural(added.count, added.kind)} to the project.
        </div>
      )}
      {addError && <div className="error-box">{addError}</div>}
      <div className="row">
        <span className="grow" />
        <button className="btn" onClick={onClose}>
          {added !== null ? 'Close' : 'Cancel'}
        </button>
        <button className="btn primary" data-testid="add-media-confirm" disabled={!plan || plan.plan.rows.length === 0 || adding} onClick={() => void add()}>
          {plan ? `Add ${plural(plan.plan.rows.length, noun)}` : 'Add'}
        </button>
      </div>
    </Modal>
  );
}
