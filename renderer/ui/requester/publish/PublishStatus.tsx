import { useEffect, useRef } from 'react';
import type { JobInfo, PublishJobResult } from '../../../../electron/common/services/jobsService';
import { formatDuration } from '../../../prelabel/eta';
import { plural } from '../../words/plural';

/** A status that appears below the form is scrolled into the (scrolling) dialog's view once, when it appears. */
export function useRevealed<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    // A block, not an expression: newer Chromium returns a promise from scrollIntoView, which must not become the effect's cleanup.
    void ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return ref;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The running publish: the host's words (files sent of all, already on the hub, bytes), a bar over bytes, and the time left. */
export function PublishProgress({ job, etaMs, onCancel }: { job: JobInfo; etaMs: number | null; onCancel: () => void }) {
  const active = job.state === 'queued' || job.state === 'running';
  const ref = useRevealed<HTMLDivElement>();
  return (
    <div ref={ref} className="stack" style={{ gap: 4 }} data-testid="publish-progress" data-state={job.state} data-done={job.done} data-total={job.total}>
      <progress max={Math.max(1, job.total)} value={job.done} style={{ width: '100%' }} />
      <div className="row hint">
        <span className="grow">
          {job.message}
          {job.total > 0 && ` · ${mib(job.done)} of ${mib(job.total)}`}
          {active && etaMs !== null && ` · ${formatDuration(etaMs)} left`}
        </span>
        {active && (
          <button className="btn" data-testid="publish-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

/** Why the publish did not happen, in the host's or the hub's words (the form keeps its values). */
export function PublishError({ message }: { message: string }) {
  const ref = useRevealed<HTMLDivElement>();
  return (
    <div ref={ref} className="error-box" data-testid="publish-error">
      {message}
    </div>
  );
}

/** The task made: its id, what was sent, and where to fund it. */
export function PublishDone({ result, unit }: { result: PublishJobResult; unit: (wei: string) => string }) {
  const ref = useRevealed<HTMLDivElement>();
  return (
    <div ref={ref} className="ok-box stack" data-testid="publish-done" data-task-id={result.taskId} data-uploaded={result.uploaded} data-skipped={result.skipped}>
      <div>
        Published as task <code>{result.taskId}</code> on {result.hubUrl}: {plural(result.itemCount, 'item')}
        {result.honeypots > 0 ? `, ${result.honeypots} of them honeypots` : ''}
        {result.examples.length > 0 ? `, ${result.examples.length} example image${result.examples.length === 1 ? '' : 's'}` : ''}.
      </div>
      <div className="hint">
        {result.recovered
          ? 'The task had been created by an earlier run; it was found on the hub, not created again.'
          : `${result.uploaded} file${result.uploaded === 1 ? '' : 's'} uploaded (${mib(result.bytesUploaded)}), ${result.skipped} already on the hub.`}
      </div>
      <div>
        Annotators are paid only from the task&apos;s pool: fund it in the Network view (<em>Fund or close a task</em>, task id <code>{result.taskId}</code>)
        {result.maxSpend ? <>; the most it can cost, at the highest reward multiplier, is {unit(result.maxSpend)}</> : null}.
      </div>
    </div>
  );
}

/** This project already has a task on the chosen hub: say so, and make a second one only on purpose. */
export function AlreadyPublished({ result, republish, onRepublish }: { result: PublishJobResult; republish: boolean; onRepublish: (on: boolean) => void }) {
  return (
    <div className="stack" data-testid="publish-existing" data-task-id={result.taskId} style={{ gap: 4 }}>
      <div>
        This project is already published on this hub as task <code>{result.taskId}</code> (“{result.title}”). Fund or follow it from the Network view.
      </div>
      <label className="row" style={{ gap: 6 }}>
        <input type="checkbox" data-testid="publish-again" checked={republish} onChange={(e) => onRepublish(e.target.checked)} />
        <span>Publish again as a second task (files the hub already holds are not sent again)</span>
      </label>
    </div>
  );
}
