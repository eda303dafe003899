import { useEffect, useState } from 'react';
import type { HubInfo, HubTask } from '../../../electron/common/services/hubService';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { useStoreQuery } from '../useStoreQuery';
import { downloadTask, type DownloadProgress } from '../../sync/downloadTask';
import { errorText, formatUnits } from './errorText';
import { DownloadedItemProblems } from './DownloadedItemProblems';
import { SubmitDialog } from './SubmitDialog';
import { useSync } from './SyncContext';
import { submitWorkUnit } from '../../sync/workUnit';
import { listHubTasks } from '../../sync/hubTasks';

/** Why a listed task cannot be taken, in words: the tier it needs. */
function unavailableText(task: HubTask): string {
  const tier = task.requiredTier;
  return tier ? `Needs the ${tier.name} tier (tier ${tier.tier})` : 'Not available to you yet';
}

/** The hub's open tasks (download for offline work) and the tasks already on this machine (open, submit) — the latter work offline. */
export function TaskList({ hub, onOpenProject }: { hub: HubInfo | null; onOpenProject: (projectId: string) => void }) {
  const host = useHost();
  const store = useStore();
  const [tasks, setTasks] = useState<HubTask[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<string, DownloadProgress>>({});
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState<string | null>(null);
  const [refreshed, setRefreshed] = useState(0);
  const { data: downloaded } = useStoreQuery((s) => listHubTasks(s.db), [refreshed]);
  const signedIn = hub?.signedInAs ?? null;
  const { outbox } = useSync();

  /** Writes the work unit to the outbox first (durable even offline), then asks for the signature. */
  async function submit(projectId: string) {
    setDownloadError(null);
    try {
      setSubmitting((await submitWorkUnit(store, outbox, projectId)).id);
    } catch (e) {
      setDownloadError(errorText(e));
    }
  }

  useEffect(() => {
    if (!hub || !signedIn) return;
    let live = true;
    setListError(null);
    host.hub.listTasks({ hubUrl: hub.hubUrl }).then(
      (t) => live && setTasks(t),
      (e: unknown) => live && setListError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [host, hub?.hubUrl, signedIn]);

  async function download(task: HubTask) {
    if (!hub) return;
    setDownloadError(null);
    try {
      await downloadTask(host, store, hub.hubUrl, task, (p) => setProgress((all) => ({ ...all, [task.taskId]: p })));
      setRefreshed((n) => n + 1);
    } catch (e) {
      setDownloadError(`${task.title}: ${errorText(e)}`);
      setProgress(({ [task.taskId]: _, ...rest }) => rest);
    }
  }

  return (
    <section className="card stack" data-testid="task-list">
      <h2>Tasks</h2>
      {!hub && <p className="hint">Connect to a hub to see its tasks.</p>}
      {hub && !signedIn && <p className="hint">Sign in to list the hub's tasks.</p>}
      {listError && <div className="error-box">{listError}</div>}
      {tasks && tasks.length === 0 && <p className="hint">The hub has no open tasks.</p>}
      {tasks && tasks.length > 0 && (
        <table className="table">
          <tbody>
            {tasks.map((task) => {
              const p = progress[task.taskId];
              const pct = p?.job && p.job.total > 0 ? Math.round((p.job.done / p.job.total) * 100) : 0;
              const busy = p !== undefined && p.phase !== 'done';
              return (
                <tr key={task.taskId} data-testid="task-row" data-task-id={task.taskId} data-task-title={task.title}>
                  <td>{task.title}</td>
                  <td className="stat">k = {task.redundancy}</td>
                  <td className="stat">{formatUnits(task.rewardPerItem, 18)} per item</td>
                  <td>
                    {busy ? (
                      <div className="stack" data-testid="task-download-progress" data-phase={p.phase}>
                        <span className="stat">{p.job?.message || p.phase}</span>
                        <div className="progress">
                          <div style={{ width: `${pct}%` }} />
                        </div>
                      </div>
                    ) : task.available === false ? (
                      // The hub lists tasks above the caller's tier (so they see what a tier unlocks) but will not assign them.
                      <span className="stat" data-testid="task-unavailable" title={task.unavailableReason}>
                        {unavailableText(task)}
                      </span>
                    ) : (
                      <button className="btn" data-testid="task-download" onClick={() => download(task)}>
                        {p?.phase === 'done' ? 'Download more' : 'Download for offline'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {downloadError && (
        <div className="error-box" data-testid="task-error">
          {downloadError}
        </div>
      )}
      <h3>On this machine</h3>
      {downloaded && downloaded.length === 0 && <p className="hint">No task downloaded yet.</p>}
      {downloaded?.map((t) => (
        <div className="stack" key={`${t.hubUrl} ${t.taskId}`}>
          <div className="row" data-testid="downloaded-task-row" data-task-id={t.taskId}>
            <span className="grow">
              {t.title} <span className="stat">{t.hubUrl}</span>
            </span>
            <button className="btn" data-testid="task-open" onClick={() => onOpenProject(t.projectId)}>
              Open to label
            </button>
            <button className="btn primary" data-testid="submit-batch" onClick={() => submit(t.projectId)}>
              Submit done items
            </button>
          </div>
          <DownloadedItemProblems record={t} />
        </div>
      ))}
      {submitting && <SubmitDialog recordId={submitting} onClose={() => setSubmitting(null)} />}
    </section>
  );
}
