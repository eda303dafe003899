import { useState } from 'react';
import type { OutboxRecord } from '../../store/syncRecords';
import { describeRefusal } from '../../sync/resign';
import { errorText } from './errorText';
import { useSync } from './SyncContext';

/**
 * A refused outbox record: the refusal in words and the hub's own reason;
 * "Sign again" when the refusal is not about the labels (the record goes back
 * to "waiting for your signature" with the same labels and `onReopened` opens
 * the sign dialog), otherwise why signing again unchanged is not offered.
 */
export function OutboxRefusal({ record, others, onReopened }: { record: OutboxRecord; others: readonly OutboxRecord[]; onReopened: (reopened: OutboxRecord) => void }) {
  const { engine } = useSync();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refusal = describeRefusal(record, others);
  if (!refusal) return null;

  async function signAgain() {
    setBusy(true);
    setError(null);
    try {
      onReopened(await engine.reopenForSigning(record.id));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" data-testid="outbox-refusal" data-code={refusal.code} data-resignable={refusal.blocker ? 'false' : 'true'}>
      <div className="field-error">Refused: {refusal.words}.</div>
      <div className="stat" data-testid="outbox-reason">
        {refusal.code}: {refusal.reason}
      </div>
      {refusal.blocker ? (
        <div className="hint" data-testid="outbox-resign-blocked">
          {refusal.blocker}
        </div>
      ) : (
        <div>
          <button className="btn" data-testid="outbox-resign" disabled={busy} onClick={() => void signAgain()}>
            Sign again
          </button>
          <div className="hint">Same labels, a new signature (fresh nonce and deadline); you review it before it is signed.</div>
        </div>
      )}
      {error && (
        <div className="field-error" data-testid="outbox-resign-error">
          {error}
        </div>
      )}
    </div>
  );
}
