import { useState } from 'react';
import { useStore } from '../StoreContext';
import { createProjectFromReport } from '../../intake/createProjectFromReport';
import { FolderField } from './FolderField';
import { IntakeProgress } from './IntakeProgress';
import { IntakeReportView } from './IntakeReportView';
import { parseClassNames, schemaFromNames } from './quickSchema';
import { useFolderScan } from './useFolderScan';
import { defaultKind } from '../../intake/mediaSelection';
import { nothingToAddReason } from './mediaKinds';
import type { MediaKind } from '../../store/projectMedia';
import { checkProjectName } from '../../store/projectLifecycle';

/** Folder → scan (intake job) → report → create the project with a quick class list. */
export function NewProjectView({ onCreated }: { onCreated: (projectId: string) => void }) {
  const store = useStore();
  const { state, scan } = useFolderScan();
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [classText, setClassText] = useState('');
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [createError, setCreateError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [kindChoice, setKindChoice] = useState<MediaKind | null>(null);
  const classes = parseClassNames(classText);
  const scanned = state.phase === 'done' ? state : null;
  const checkedName = checkProjectName(name);
  const nameError = checkedName.error;
  // Until the user picks, a folder of both kinds starts as the kind it has more of; a new scan forgets the pick.
  const kind: MediaKind = scanned ? (kindChoice ?? defaultKind(scanned.report)) : 'image';
  const emptyReason = scanned ? nothingToAddReason(scanned.report, kind, skipDuplicates) : null;

  async function create() {
    if (!scanned || checkedName.error !== null || classes.error || emptyReason) return;
    setCreating(true);
    setCreateError(null);
    try {
      const id = await createProjectFromReport(store, {
        name: checkedName.name,
        root: scanned.root,
        report: scanned.report,
        kind,
        labelSchema: schemaFromNames(classes.names),
        skipDuplicates,
      });
      onCreated(id);
    } catch (e) {
      setCreateError(e instanceof Error ? e.message : String(e));
      setCreating(false);
    }
  }

  return (
    <div className="page">
      <div className="page-narrow">
        <h1>New project</h1>
        <div className="card stack">
          <FolderField value={folder} onChange={setFolder} />
          <label className="field">
            <span>Project name</span>
            <input className="input" data-testid="project-name-input" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Street survey" />
          </label>
          <div className="row">
            <button
              className="btn"
              data-testid="scan-folder-button"
              disabled={folder.trim() === '' || state.phase === 'scanning'}
              onClick={() => {
                setKindChoice(null);
                void scan(folder.trim());
              }}
            >
              Scan folder
            </button>
            <span className="hint">Every file is decoded once; broken files and duplicates are reported before anything is added.</span>
          </div>
          {state.phase === 'scanning' && <IntakeProgress job={state.job} />}
          {state.phase === 'failed' && <div className="error-box">The scan failed: {state.error}</div>}
        </div>
        {scanned && (
          <div className="card stack">
            <IntakeReportView report={scanned.report} skipDuplicates={skipDuplicates} onSkipDuplicatesChange={setSkipDuplicates} kind={kind} onKindChange={setKindChoice} />
            <label className="field">
              <span>Label classes (comma or newline separated; colours, hotkeys and attributes can be edited later)</span>
              <textarea
                className={`input${classes.error ? ' invalid' : ''}`}
                data-testid="label-classes-input"
                rows={2}
                value={classText}
                onChange={(e) => setClassText(e.target.value)}
                placeholder="car, person, bicycle"
              />
              {classes.error && <span className="field-error">{classes.error}</span>}
            </label>
            {nameError && <span className="field-error">{nameError}</span>}
            {emptyReason && (
              <span className="field-error" data-testid="create-project-blocked">
                {emptyReason}
              </span>
            )}
            {createError && <div className="error-box">{createError}</div>}
            <div>
              <button
                className="btn primary"
                data-testid="create-project-button"
                disabled={creating || nameError !== null || classes.error !== null || emptyReason !== null}
                onClick={() => void create()}
              >
                Create project
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
