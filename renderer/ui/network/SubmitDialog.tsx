import { useCallback } from 'react';
import { Modal } from '../labeling/Modal';
import { plural } from '../words/plural';
import { useSync } from './SyncContext';
import { useTwoStepSigning } from './useTwoStepSigning';
import { SignSummary, type SignRow } from './SignSummary';
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
  const rows: SignRow[] = s
    ? [
        { label: 'Task', value: s.taskId, testId: 'sign-task' },
        { label: 'Items', value: String(s.itemCount), testId: 'sign-item-count' },
        ...(s.video
          ? [
              {
                label: 'Video labels',
                value: `${plural(s.video.items, 'video')}: ${plural(s.video.tracks, 'track')} (${plural(s.video.keyframes, 'keyframe')}), ${plural(s.video.frameTags, 'frame tag')}, ${plural(s.video.segments, 'shot')}`,
                testId: 'sign-video',
              },
            ]
          : []),
        { label: 'Merkle root', value: s.root, testId: 'sign-root', long: true },
        { label: 'Hub', value: s.hub, testId: 'sign-hub' },
        { label: 'Signer', value: s.annotator, testId: 'sign-signer', long: true },
        { label: 'Chain / contract', value: `${s.chainId} / ${s.verifyingContract}`, testId: 'sign-contract', long: true },
        { label: 'Valid until', value: new Date(s.deadline * 1000).toLocaleString() },
      ]
    : [];
  return (
    <Modal title="Sign this batch?" onClose={onClose} testId="sign-dialog">
      {!s && !error && <p className="hint">Preparing the batch…</p>}
      {s && <SignSummary rows={rows} testId="sign-summary" />}
      <SigningFooter error={error} errorTestId="sign-error" subject="batch" confirmTestId="confirm-sign" confirmLabel="Sign and upload" canSign={!!request} signing={signing} onClose={onClose} onSign={() => void sign()} />
    </Modal>
  );
}
