import { useEffect } from 'react';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import type { Editor } from '../../editor/createEditor';
import { formatChord } from '../../editor/keys/chord';
import type { ActionId, EditorSnapshot } from '../../editor/types';
import { AutoAcceptSettings } from './AutoAcceptSettings';
import { ClassQuestionPrompt } from './ClassQuestionPrompt';
import { ExportCorrections } from './ExportCorrections';
import { JobProgress } from './JobProgress';
import { ModelSettings } from './ModelSettings';
import { PrelabelStats } from './PrelabelStats';
import type { PrelabelSession } from './usePrelabel';
import { plural } from '../words/plural';

interface Props {
  session: PrelabelSession;
  project: Project;
  editor: Editor;
  snapshot: EditorSnapshot;
  /** Every item of the project (the whole-project job) and the ones picked in the item list. */
  allItems: readonly Item[];
  picked: readonly Item[];
}

/** Model, thresholds, runs (this item, the project or a selection), review shortcuts, statistics and the corrections export. */
export function PrelabelPanel({ session, project, editor, snapshot, allItems, picked }: Props) {
  const { settings, updateSettings, models, runner, jobView, job } = session;
  const keymap = editor.getKeymap();
  const key = (action: ActionId) => (keymap[action][0] ? ` (${formatChord(keymap[action][0])})` : '');
  useEffect(() => {
    if (settings) editor.setAcceptThreshold(settings.acceptThreshold);
  }, [editor, settings]);
  if (!settings) return null;
  const jobRunning = job.running;
  const targets = picked.length > 0 ? picked : allItems;
  const pending = snapshot.shapes.filter((s) => s.prelabel?.review === 'pending').length;
  return (
    <>
      <section data-testid="prelabel-panel">
        <h3>Pre-label</h3>
        <ModelSettings state={models} settings={settings} onChange={updateSettings} />
        {runner.question && <ClassQuestionPrompt question={runner.question} />}
        <div className="row" style={{ gap: 6, flexWrap: 'wrap' }}>
          <button className="btn primary" data-testid="prelabel-item-button" disabled={runner.busy || !snapshot.item || !settings.modelId} title={`Pre-label this item${key('prelabel.item')}`} onClick={() => snapshot.item && void runner.runItem(snapshot.item)}>
            This item
          </button>
          <button className="btn" data-testid="prelabel-project-button" disabled={runner.busy || jobRunning || !settings.modelId || targets.length === 0} title="Pre-label in the background; Ctrl+click items in the list to pick some" onClick={() => void runner.runJob(targets)}>
            {picked.length > 0 ? `Selected (${picked.length})` : `Whole project (${allItems.length})`}
          </button>
        </div>
        {jobView && <JobProgress view={jobView} onCancel={() => void job.cancel()} onResume={() => void job.resume()} onRetryFailed={() => void job.retryFailed()} />}
        {session.jobError && <div className="error-box">{session.jobError}</div>}
        {(runner.notice ?? jobView?.notice) && (
          <div className="hint" data-testid="prelabel-notice">
            {runner.notice ?? jobView?.notice}
          </div>
        )}
        {runner.status && (
          <div className="hint" data-testid="prelabel-status">
            {runner.status}
          </div>
        )}
        <div className="hint" data-testid="pending-count">
          {plural(pending, 'pre-label')} to review on this item
        </div>
        <div className="row" style={{ gap: 6 }}>
          <span className="hint grow">Accept all scoring ≥</span>
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            style={{ width: 64 }}
            data-testid="accept-threshold-input"
            value={settings.acceptThreshold}
            onChange={(e) => {
              const v = e.currentTarget.valueAsNumber;
              if (v >= 0 && v <= 1) updateSettings({ ...settings, acceptThreshold: v });
            }}
          />
          <button className="btn" data-testid="accept-all-button" disabled={pending === 0} title={`Accept every pending pre-label scoring at least this${key('prelabel.acceptAll')}`} onClick={() => editor.acceptAllAbove(settings.acceptThreshold)}>
            Accept all
          </button>
        </div>
        <div className="hint">
          Review: {formatChord(keymap['prelabel.accept'][0] ?? 'enter')} accepts the selected pre-label, Del rejects it; moving or resizing it counts as a correction.
        </div>
      </section>
      <section>
        <h3>Auto-accept</h3>
        <AutoAcceptSettings projectId={project.id} schema={snapshot.labelSchema} policy={settings.autoAccept} onChange={(autoAccept) => updateSettings({ ...settings, autoAccept })} shapesVersion={snapshot.shapes} />
      </section>
      <section>
        <h3>Review statistics</h3>
        <PrelabelStats projectId={project.id} shapesVersion={snapshot.shapes} />
        <ExportCorrections project={project} />
      </section>
    </>
  );
}
