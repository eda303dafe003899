import { useCallback, useEffect, useState } from 'react';
import type { DisputeStore } from '../../review/disputeStore';
import { downloadDisputes, type DisputeDownloadProgress } from '../../review/downloadDisputes';
import type { DisputeRecord } from '../../store/syncRecords';
import { useHost } from '../../platform/HostContext';
import { errorText } from '../network/errorText';

function progressText(p: DisputeDownloadProgress): string {
  if (p.phase === 'listing') return 'asking the hub for disputes…';
  if (p.phase === 'done') return 'downloaded';
  const job = p.job;
  return job ? `downloading pictures ${job.done}/${job.total}` : 'downloading pictures…';
}

/**
 * Reviewer mode's queue: download the hub's disputes (payloads and pictures)
 * for offline review, then open each from IndexedDB — with or without the hub.
 */
export function ReviewQueuePanel({ disputes, hubUrl, onOpen }: { disputes: DisputeStore; hubUrl: string | null; onOpen: (hubUrl: string, itemId: string) => void }) {
  const host = useHost();
  const [rows, setRows] = useState<DisputeRecord[]>([]);
  const [progress, setProgress] = useState<DisputeDownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [taskFilter, setTaskFilter] = useState('');

  const reload = useCallback(() => void disputes.list().then(setRows), [disputes]);
  useEffect(() => {
    reload();
    return disputes.subscribe(reload);
  }, [disputes, reload]);

  async function download() {
    if (!hubUrl) return;
    setError(null);
    try {
      await downloadDisputes(host, disputes, hubUrl, setProgress, taskFilter.trim() || undefined);
    } catch (e) {
      setError(errorText(e));
      setProgress(null);
    }
  }

  return (
    <section className="card stack" data-testid="review-panel">
      <div className="row">
        <h2 className="grow">Review disputes</h2>
        <input className="input" data-testid="review-task-filter" placeholder="task id (all)" value={taskFilter} onChange={(e) => setTaskFilter(e.target.value)} />
        <button className="btn" data-testid="review-download" disabled={!hubUrl || (progress !== null && progress.phase !== 'done')} onClick={() => void download()}>
          Download for offline review
        </button>
      </div>
      {progress && (
        <div className="stat" data-testid="review-download-progress" data-phase={progress.phase}>
          {progressText(progress)}
        </div>
      )}
      {error && (
        <div className="error-box" data-testid="review-download-error">
          {error}
        </div>
      )}
      {rows.length === 0 && <p className="hint">No disputes downloaded. Reviewers (expert tier) download the hub's disputed items here and review them offline.</p>}
      <table className="table" data-testid="review-queue">
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.hubUrl} ${r.itemId}`} data-testid="review-queue-row" data-item-id={r.itemId} data-task-id={r.taskId} data-state={r.state}>
              <td>
                {(r.dispute as { fileName?: string }).fileName ?? r.itemId} <span className="stat">{r.taskId}</span>
              </td>
              <td>
                <span className="badge">{r.state === 'submitted' ? 'verdict submitted' : r.draft ? 'in progress' : 'open'}</span>
              </td>
              <td>
                <button className="btn" data-testid="review-open" onClick={() => onOpen(r.hubUrl, r.itemId)}>
                  {r.state === 'submitted' ? 'View' : 'Review'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
