import { useCallback } from 'react';
import { Modal } from '../labeling/Modal';
import { useSync } from '../network/SyncContext';
import { useTwoStepSigning } from '../network/useTwoStepSigning';

/**
 * The signature step of a verdict in the outbox: what the wallet would sign
 * (task, item, final labels hash, number of labels, hub, reviewer) and
 * "Sign and submit". Closing leaves the verdict in the outbox, unsigned.
 */
export function VerdictSignDialog({ recordId, onClose, onSigned }: { recordId: string; onClose: () => void; onSigned?: () => void }) {
  const { engine } = useSync();
  const prepare = useCallback(() => engine.prepareVerdictSigning(recordId), [engine, recordId]);
  const { request, error, signing, sign } = useTwoStepSigning(prepare, (r) => engine.confirmVerdictSigning(r), () => {
    onSigned?.();
    onClose();
  });

  const s = request?.summary;
  const rows: [string, string, string?][] = s
    ? [
        ['Task', s.taskId, 'verdict-task'],
        ['Item', s.itemId, 'verdict-item'],
        ['Final labels', String(s.shapeCount), 'verdict-shape-count'],
        ['Labels hash', s.labelsHash, 'verdict-labels-hash'],
        ['Hub', s.hub],
        ['Reviewer', s.reviewer],
        ['Chain / contract', `${s.chainId} / ${s.verifyingContract}`],
        ['Valid until', new Date(s.deadline * 1000).toLocaleString()],
      ]
    : [];
  return (
    <Modal title="Sign this verdict?" onClose={onClose} testId="verdict-sign-dialog">
      {!s && !error && <p className="hint">Preparing the verdict…</p>}
      {s && (
        <table className="table" data-testid="verdict-summary">
          <tbody>
            {rows.map(([label, value, testId]) => (
              <tr key={label}>
                <th>{label}</th>
                <td className="stat" data-testid={testId}>
                  {value}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <div className="error-box" data-testid="verdict-sign-error">
          {error}
          <div className="hint">The verdict stays in the outbox; sign it from there later.</div>
        </div>
      )}
      <div className="row">
        <span className="grow" />
        <button className="btn ghost" onClick={onClose}>
          Not now
        </button>
        <button className="btn primary" data-testid="confirm-verdict" disabled={!request || signing} onClick={sign}>
          {signing ? 'Signing…' : 'Sign and submit'}
        </button>
      </div>
    </Modal>
  );
}
