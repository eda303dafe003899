import { useCallback } from 'react';
import { Modal } from '../labeling/Modal';
import { useSync } from '../network/SyncContext';
import { useTwoStepSigning } from '../network/useTwoStepSigning';
import { SigningFooter } from '../network/SigningFooter';
import { SignSummary, type SignRow } from '../network/SignSummary';

/**
 * The signature step of a verdict in the outbox: what the wallet would sign
 * (task, item, final labels hash, number of labels — and a video item's tracks, keyframes, frame tags and segments —, hub, reviewer) and
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
  const rows: SignRow[] = s
    ? [
        { label: 'Task', value: s.taskId, testId: 'verdict-task' },
        { label: 'Item', value: s.itemId, testId: 'verdict-item' },
        { label: 'Final labels', value: String(s.shapeCount), testId: 'verdict-shape-count' },
        ...(s.video
          ? [
              { label: 'Tracks', value: `${s.video.tracks} (${s.video.keyframes} keyframes)`, testId: 'verdict-track-count' },
              { label: 'Frame tags', value: String(s.video.frameTags), testId: 'verdict-frame-tag-count' },
              { label: 'Segments', value: `${s.video.segments} over ${s.video.frameCount} frames`, testId: 'verdict-segment-count' },
            ]
          : []),
        { label: 'Labels hash', value: s.labelsHash, testId: 'verdict-labels-hash', long: true },
        { label: 'Hub', value: s.hub, testId: 'verdict-hub' },
        { label: 'Reviewer', value: s.reviewer, testId: 'verdict-reviewer', long: true },
        { label: 'Chain / contract', value: `${s.chainId} / ${s.verifyingContract}`, testId: 'verdict-contract', long: true },
        { label: 'Valid until', value: new Date(s.deadline * 1000).toLocaleString() },
      ]
    : [];
  return (
    <Modal title="Sign this verdict?" onClose={onClose} testId="verdict-sign-dialog">
      {!s && !error && <p className="hint">Preparing the verdict…</p>}
      {s && <SignSummary rows={rows} testId="verdict-summary" />}
      <SigningFooter error={error} errorTestId="verdict-sign-error" subject="verdict" confirmTestId="confirm-verdict" confirmLabel="Sign and submit" canSign={!!request} signing={signing} onClose={onClose} onSign={() => void sign()} />
    </Modal>
  );
}
