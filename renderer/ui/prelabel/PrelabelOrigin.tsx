import type { Shape } from '../../../core/model/shape';

/** Where a pre-label stands, in words: whether a human has looked at it is the point of auto-accept. */
export function prelabelOriginText(shape: Shape): string | null {
  const p = shape.prelabel;
  if (!p) return null;
  const from = `${p.modelId} · score ${p.score.toFixed(2)}`;
  if (p.decision === 'auto' && p.review === 'accepted') return `${from} · auto-accepted: above its reviewed threshold, no human has looked`;
  if (p.decision === 'audit' && p.review === 'pending') return `${from} · audit sample: would have been auto-accepted; your verdict checks the threshold`;
  if (p.review === 'pending') return `${from} · pending review`;
  return `${from} · ${p.review}${p.decision === 'audit' ? ' (audit)' : p.decision === 'auto' ? ' (was auto-accepted)' : ''}`;
}

/** One line under the attributes of the selected box: which model proposed it and how it was decided. */
export function PrelabelOrigin({ shape }: { shape: Shape | undefined }) {
  const text = shape ? prelabelOriginText(shape) : null;
  if (!text) return null;
  return (
    <div className="hint" data-testid="prelabel-origin" data-decision={shape?.prelabel?.decision ?? ''} style={{ overflowWrap: 'anywhere' }}>
      {text}
    </div>
  );
}
