import { useCallback } from 'react';
import { Modal } from '../labeling/Modal';
import { useSync } from '../network/SyncContext';
import { useTwoStepSigning } from '../network/useTwoStepSigning';
import { SigningFooter } from '../network/SigningFooter';

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
      <SigningFooter error={error} errorTestId="verdict-sign-error" subject="verdict" confirmTestId="confirm-verdict" confirmLabel="Sign and submit" canSign={!!request} signing={signing} onClose={onClose} onSign={() => void sign()} />
    </Modal>
  );
}
