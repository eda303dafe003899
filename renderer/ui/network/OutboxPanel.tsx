import { useState } from 'react';
import type { OutboxRecord } from '../../store/syncRecords';
import { batchPayloadOf, isUnsigned } from '../../sync/outbox';
import { verdictPayloadOf } from '../../sync/verdictRecords';
import { VerdictSignDialog } from '../review/VerdictSignDialog';
import { OutboxHistory } from './OutboxHistory';
import { OutboxLabels } from './OutboxLabels';
import { OutboxRefusal } from './OutboxRefusal';
import { SubmitDialog } from './SubmitDialog';
import { useOutboxRecords, useSyncStatus } from './SyncContext';

function stateText(r: OutboxRecord): string {
  if (isUnsigned(r)) return 'waiting for your signature';
  if (r.state === 'pending') return r.attempts === 0 ? 'pending' : `pending, retry ${new Date(r.nextAttemptAt).toLocaleTimeString()}`;
  return r.state;
}

/**
 * Every batch and verdict ever submitted, with its state. Rejected ones show
 * the refusal in words and the hub's reason, keep their labels exportable, and
 * offer "Sign again" when the refusal is not about the labels (which opens the
 * usual sign dialog); earlier refusals of a re-signed record stay listed.
 */
export function OutboxPanel() {
  const records = useOutboxRecords();
  const status = useSyncStatus();
  const [signing, setSigning] = useState<OutboxRecord | null>(null);
  const connection = !status.online ? 'offline' : status.hubReachable === false ? 'hub unreachable' : 'online';
  return (
    <section className="card stack" data-testid="outbox-panel">
      <div className="row">
        <h2 className="grow">Outbox</h2>
        <span className={`badge${connection === 'online' ? '' : ' warn'}`} data-testid="sync-status" data-connection={connection}>
          {connection}
          {status.uploading > 0 ? ` · uploading ${status.uploading}` : ''}
        </span>
      </div>
      {status.lastProblem && connection === 'online' && <div className="warn-text">{status.lastProblem}</div>}
      {records.length === 0 && <p className="hint">Nothing submitted yet.</p>}
      {records.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Task</th>
              <th>Items</th>
              <th>State</th>
              <th>Attempts</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id} data-testid="outbox-row" data-kind={r.kind} data-state={r.state} data-signed={r.signed ? 'true' : 'false'} data-task-id={r.taskId}>
                <td>
                  {r.taskId} <span className="stat">{r.hubUrl}</span>
                </td>
                <td>{r.kind === 'verdict' ? `verdict on ${verdictPayloadOf(r).itemId}` : batchPayloadOf(r).items.length}</td>
                <td>
                  <span className={`badge${r.state === 'rejected' ? ' danger' : ''}`}>{stateText(r)}</span>
                  {r.lastError && r.state === 'pending' && (
                    <div className="stat" data-testid="outbox-reason">
                      {r.lastError}
                    </div>
                  )}
                  {r.state === 'rejected' && (
                    <>
                      <OutboxRefusal record={r} others={records} onReopened={setSigning} />
                      <OutboxLabels record={r} />
                    </>
                  )}
                  <OutboxHistory record={r} />
                </td>
                <td className="stat">{r.attempts}</td>
                <td>
                  {isUnsigned(r) && (
                    <button className="btn" data-testid="outbox-sign" onClick={() => setSigning(r)}>
                      Review and sign
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {signing?.kind === 'batch' && <SubmitDialog recordId={signing.id} onClose={() => setSigning(null)} />}
      {signing?.kind === 'verdict' && <VerdictSignDialog recordId={signing.id} onClose={() => setSigning(null)} />}
    </section>
  );
}
