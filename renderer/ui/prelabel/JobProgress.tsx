import { formatDuration } from './eta';
import type { PrelabelJobView } from './prelabelJobController';

interface Props {
  view: PrelabelJobView;
  onCancel: () => void;
  onResume: () => void;
}

/** The background job: bar with count, ETA and failures; cancel while it runs, resume after an interruption. */
export function JobProgress({ view, onCancel, onResume }: Props) {
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
          {done} / {total} · {state}
          {info && info.failed > 0 && ` · ${info.failed} failed`}
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
      {info?.message && <div className="hint">{info.message}</div>}
      {state === 'interrupted' && !resumable && <div className="hint">The job was interrupted and cannot be resumed; start it again.</div>}
      {view.error && <div className="error-box">{view.error}</div>}
    </div>
  );
}
