import { formatDuration } from '../../prelabel/eta';
import { FailedItems } from './FailedItems';
import type { PrelabelJobView } from '../../prelabel/prelabelJobController';

interface Props {
  view: PrelabelJobView;
  onCancel: () => void;
  onResume: () => void;
  onRetryFailed: () => void;
}

/** How a person reads the job's state: a run that got through every image "finished", even with some failed. */
const STATE_LABELS: Partial<Record<string, string>> = { succeeded: 'finished', failed: 'stopped' };

/** The background job: bar with count, ETA and failures; cancel while it runs, resume after an interruption, retry the failed images after it finished. */
export function JobProgress({ view, onCancel, onResume, onRetryFailed }: Props) {
  const info = view.info;
  const done = info?.done ?? view.record.ingested;
  const total = info?.total ?? view.record.total;
  const state = info?.state ?? 'queued';
  const active = state === 'queued' || state === 'running';
  const resumable = state === 'interrupted' && (info?.resumable ?? false);
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="prelabel-progress" data-state={state} data-done={done} data-total={total}>
      <progress max={Math.max(1, total)} value={done} style={{ width: '100%' }} />
      <div className="row hint" style={{ gap: 6 }}>
        <span className="grow">
          {done} / {total} · {STATE_LABELS[state] ?? state}
          {info && info.failed > 0 && `, ${info.failed} failed`}
          {active && view.etaMs !== null && ` · ${formatDuration(view.etaMs)} left`}
        </span>
        {active && (
          <button className="btn" data-testid="prelabel-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
        {resumable && (
          <button className="btn primary" data-testid="prelabel-resume" onClick={onResume}>
            Resume
          </button>
        )}
      </div>
      {info?.message && active && <div className="hint">{info.message}</div>}
      {state === 'failed' && (
        <div className="error-box" data-testid="prelabel-job-error">
          The run stopped: {info?.error ?? 'no reason was given'}
        </div>
      )}
      <FailedItems failures={view.failures} canRetry={!active} onRetry={onRetryFailed} />
      {state === 'interrupted' && !resumable && <div className="hint">The job was interrupted and cannot be resumed; start it again.</div>}
      {view.error && <div className="error-box">{view.error}</div>}
    </div>
  );
}
