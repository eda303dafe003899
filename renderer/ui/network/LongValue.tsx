import { useState, type CSSProperties } from 'react';

/** Wrapped anywhere, so a 66-character root or an address never widens a dialog past the window. */
const WRAPPED: CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-all', minWidth: 0 };
/** Two lines until "Show in full": the start and most of the value stay visible, the rest is one click away. */
const CLAMPED: CSSProperties = { ...WRAPPED, display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 2, overflow: 'hidden' };

/**
 * A value the wallet is about to sign (merkle root, address, hash) as
 * monospace text (every <code> is) that wraps instead of overflowing, with "Show in full" to
 * lift the two-line clamp and "Copy" to compare it elsewhere. The element
 * always holds the whole value: the clamp is only how much of it is drawn.
 */
export function LongValue({ value, testId }: { value: string; testId?: string }) {
  const [full, setFull] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="stack" style={{ gap: 2, minWidth: 0 }}>
      <code data-testid={testId} data-expanded={full ? 'true' : 'false'} title={value} style={full ? WRAPPED : CLAMPED}>
        {value}
      </code>
      <span className="row" style={{ gap: 4 }}>
        <button type="button" className="btn ghost" data-testid={testId ? `${testId}-full` : undefined} aria-pressed={full} onClick={() => setFull((f) => !f)}>
          {full ? 'Show less' : 'Show in full'}
        </button>
        <button type="button" className="btn ghost" data-testid={testId ? `${testId}-copy` : undefined} onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </div>
  );
}
