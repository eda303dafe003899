import { useCallback } from 'react';
import { Modal } from '../labeling/Modal';
import { useSync } from './SyncContext';
import { useTwoStepSigning } from './useTwoStepSigning';
import { SigningFooter } from './SigningFooter';

/**
 * The signature step of a batch in the outbox: shows exactly what the wallet
 * would sign (task, items, root, hub, signer) and signs only on "Sign".
 * Closing without signing leaves the batch in the outbox, unsigned.
 */
export function SubmitDialog({ recordId, onClose }: { recordId: string; onClose: () => void }) {
  const { engine } = useSync();
  const prepare = useCallback(() => engine.prepareSigning(recordId), [engine, recordId]);
  const { request, error, signing, sign } = useTwoStepSigning(prepare, (r) => engine.confirmSigning(r), onClose);

  const s = request?.summary;
  return (
    <Modal title="Sign this batch?" onClose={onClose} testId="sign-dialog">
      {!s && !error && <p className="hint">Preparing the batch…</p>}
      {s && (
        <table className="table" data-testid="sign-summary">
          <tbody>
            <tr>
              <th>Task</th>
              <td data-testid="sign-task">{s.taskId}</td>
            </tr>
            <tr>
              <th>Items</th>
              <td data-testid="sign-item-count">{s.itemCount}</td>
            </tr>
            <tr>
              <th>Merkle root</th>
              <td>
                <code data-testid="sign-root">{s.root}</code>
              </td>
            </tr>
            <tr>
              <th>Hub</th>
              <td data-testid="sign-hub">{s.hub}</td>
            </tr>
            <tr>
              <th>Signer</th>
              <td>
                <code>{s.annotator}</code>
              </td>
            </tr>
            <tr>
              <th>Chain / contract</th>
              <td className="stat">
                {s.chainId} / {s.verifyingContract}
              </td>
            </tr>
            <tr>
              <th>Valid until</th>
              <td className="stat">{new Date(s.deadline * 1000).toLocaleString()}</td>
            </tr>
          </tbody>
        </table>
      )}
      <SigningFooter error={error} errorTestId="sign-error" subject="batch" confirmTestId="confirm-sign" confirmLabel="Sign and upload" canSign={!!request} signing={signing} onClose={onClose} onSign={() => void sign()} />
    </Modal>
  );
}
