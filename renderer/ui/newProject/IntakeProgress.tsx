import type { JobInfo } from '../../../electron/common/services';

export function IntakeProgress({ job }: { job: JobInfo | null }) {
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <div className="stack" data-testid="intake-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="row">
        <span className="grow">{job?.message || 'Scanning the folder…'}</span>
        <span className="stat mono">{job ? `${job.done} / ${job.total}` : ''}</span>
      </div>
      <div className="progress">
        <div style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
