/**
 * The end of every "what will be signed" dialog: the signing error (the
 * record stays in the outbox either way) and the confirm button. One
 * component so batches and verdicts ask for a signature the same way.
 */
export function SigningFooter(props: {
  error: string | null;
  errorTestId: string;
  /** What stays in the outbox on failure, e.g. 'batch' or 'verdict'. */
  subject: string;
  confirmTestId: string;
  confirmLabel: string;
  canSign: boolean;
  signing: boolean;
  onClose: () => void;
  onSign: () => void;
}) {
  return (
    <>
      {props.error && (
        <div className="error-box" data-testid={props.errorTestId} style={{ overflowWrap: 'anywhere' }}>
          {props.error}
          <div className="hint">The {props.subject} stays in the outbox; sign it from there later.</div>
        </div>
      )}
      <div className="row">
        <span className="grow" />
        <button className="btn ghost" onClick={props.onClose}>
          Not now
        </button>
        <button className="btn primary" data-testid={props.confirmTestId} disabled={!props.canSign || props.signing} onClick={props.onSign}>
          {props.signing ? 'Signing…' : props.confirmLabel}
        </button>
      </div>
    </>
  );
}
