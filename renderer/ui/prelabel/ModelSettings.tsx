import type { ModelSummary } from '../../../electron/common/services';
import type { ModelsState } from './useModels';
import { settingsForModel, type PrelabelSettings } from './prelabelSettings';
import { ProposedModel } from './ProposedModel';
import { plural } from '../words/plural';

interface Props {
  state: ModelsState;
  settings: PrelabelSettings;
  onChange: (next: PrelabelSettings) => void;
}

function UnitInput({ label, value, testId, onChange }: { label: string; value: number; testId: string; onChange: (v: number) => void }) {
  return (
    <label className="row" style={{ gap: 6 }}>
      <span className="grow">{label}</span>
      <input
        type="number"
        min={0}
        max={1}
        step={0.05}
        value={value}
        data-testid={testId}
        style={{ width: 72 }}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (v >= 0 && v <= 1) onChange(v);
        }}
      />
    </label>
  );
}

/** Model picker, the project's thresholds, the provider the model loaded on, and what is wrong with broken models. */
export function ModelSettings({ state, settings, onChange }: Props) {
  const { models, listError, loaded, loading, loadError } = state;
  const chosen: ModelSummary | undefined = models.find((m) => m.id === settings.modelId);
  const broken = models.filter((m) => !m.available && !m.needsConfirmation);
  // Only models that pre-label on their own are offered (a text recognizer needs a detector first); proposals wait for the user.
  const offered = models.filter((m) => m.runsAlone && !m.needsConfirmation);
  const proposals = models.filter((m) => m.needsConfirmation);
  return (
    <div className="stack" style={{ gap: 6 }}>
      <select
        data-testid="model-select"
        value={settings.modelId ?? ''}
        onChange={(e) => {
          const model = models.find((m) => m.id === e.currentTarget.value);
          onChange(model ? settingsForModel(settings, model) : { ...settings, modelId: null });
        }}
      >
        <option value="">— choose a model —</option>
        {offered.map((m) => (
          <option key={m.id} value={m.id} disabled={!m.available}>
            {m.name} ({m.task}){m.available ? '' : ' — unavailable'}
          </option>
        ))}
      </select>
      <UnitInput label="Confidence" value={settings.confidence} testId="confidence-input" onChange={(confidence) => onChange({ ...settings, confidence })} />
      <UnitInput label="IoU (NMS)" value={settings.iou} testId="iou-input" onChange={(iou) => onChange({ ...settings, iou })} />
      <div className="hint" data-testid="model-provider">
        {loading ? 'Loading model…' : loaded ? `Runs on ${loaded.provider.toUpperCase()}` : chosen ? '' : 'No model chosen'}
      </div>
      {loaded && loaded.fallbacks.length > 0 && (
        // The host reports only providers the user asked for by name (GROUNDWORK_EP); the platform default's tries stay quiet.
        <div className="hint warn-text" data-testid="provider-fallback" style={{ overflowWrap: 'anywhere' }} title={loaded.fallbacks.map((f) => `${f.provider}: ${f.reason}`).join('\n')}>
          You asked for {loaded.fallbacks.map((f) => f.provider.toUpperCase()).join(', ')}, which could not start on this machine; running on {loaded.provider.toUpperCase()} instead.
        </div>
      )}
      {loadError && <div className="error-box" data-testid="model-load-error">{loadError}</div>}
      {listError && <div className="error-box">Could not list models: {listError}</div>}
      {proposals.map((m) => (
        <ProposedModel key={m.manifestPath} model={m} onConfirm={(c) => state.confirmModel(m.manifestPath, c)} />
      ))}
      {broken.length > 0 && (
        <details data-testid="model-problems">
          <summary className="hint">{plural(broken.length, 'model')} with problems</summary>
          {broken.map((m) => (
            <div key={m.manifestPath} className="hint" style={{ overflowWrap: 'anywhere' }}>
              <b>{m.name || m.manifestPath}</b>: {m.problems.join('; ')}
            </div>
          ))}
        </details>
      )}
    </div>
  );
}
