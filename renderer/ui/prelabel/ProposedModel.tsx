import { useState } from 'react';
import type { ModelSummary } from '../../../electron/common/services';

/** What a confirmed proposal writes: the user's name and class list over what was read from the file. */
export interface ModelConfirmation {
  name: string;
  classes: string[];
}

/**
 * A model file dropped in without a manifest (an Ultralytics export): what was read from its own metadata —
 * classes, input size, the decoder and why — for the user to confirm or correct before it is offered.
 * X-AnyLabeling asks for a hand-written config here.
 */
export function ProposedModel({ model, onConfirm }: { model: ModelSummary; onConfirm: (confirmation: ModelConfirmation) => Promise<void> }) {
  const read = model.readFromModel;
  const [name, setName] = useState(model.name);
  const [classText, setClassText] = useState(model.classes.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const classes = classText
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);
  const fileName = model.manifestPath.replace(/\.json$/, '.onnx').split(/[\\/]/).pop();

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm({ name: name.trim() || model.name, classes });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card stack" data-testid="proposed-model" data-manifest-path={model.manifestPath} style={{ gap: 6 }}>
      <div>
        <b>New model found: {fileName}</b>
        <div className="hint">Read from the file itself. Check it, correct what is wrong, then use it.</div>
      </div>
      <label className="stack" style={{ gap: 2 }}>
        <span className="hint">Name</span>
        <input className="input" data-testid="proposed-model-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="stack" style={{ gap: 2 }}>
        <span className="hint">Classes, one per line, in the model's order ({classes.length})</span>
        <textarea className="input" data-testid="proposed-model-classes" rows={Math.min(8, Math.max(3, classes.length))} value={classText} onChange={(e) => setClassText(e.target.value)} />
      </label>
      {read?.inputSize && (
        <div className="hint" data-testid="proposed-model-input">
          Input {read.inputSize.width} × {read.inputSize.height} (from the {read.inputSize.from})
        </div>
      )}
      {read?.decoder && (
        <div className="hint" data-testid="proposed-model-decoder" style={{ overflowWrap: 'anywhere' }}>
          Output read as {read.decoder}{read.decoderReason ? `: ${read.decoderReason}` : ''}
        </div>
      )}
      {read?.notes.map((note) => (
        <div key={note} className="hint warn-text" style={{ overflowWrap: 'anywhere' }}>
          {note}
        </div>
      ))}
      {model.problems.length > 0 && <div className="error-box">{model.problems.join('; ')}</div>}
      {error && <div className="error-box" data-testid="proposed-model-error">{error}</div>}
      <button className="btn" data-testid="proposed-model-confirm" disabled={busy || classes.length === 0 || model.problems.length > 0} onClick={() => void confirm()}>
        Use this model
      </button>
    </div>
  );
}
