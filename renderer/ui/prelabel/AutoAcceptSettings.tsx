import type { AutoAcceptPolicy } from '../../../core/prelabel/autoAccept/policy';
import type { ThresholdChoice } from '../../../core/prelabel/autoAccept/thresholds';
import type { LabelSchema } from '../../../core/model/labelSchema';
import { useStoreQuery } from '../useStoreQuery';
import { useSettled } from './useSettled';
import { reviewFingerprint } from './reviewFingerprint';

interface Props {
  projectId: string;
  schema: LabelSchema;
  policy: AutoAcceptPolicy;
  onChange: (next: AutoAcceptPolicy) => void;
  /** Changes whenever shapes change: the thresholds follow the review history. */
  shapesVersion: unknown;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

/** A percentage input over a 0..1 value, within [min, max]. */
function PercentInput({ label, value, min, max, testId, onChange }: { label: string; value: number; min: number; max: number; testId: string; onChange: (v: number) => void }) {
  return (
    <label className="row" style={{ gap: 6 }}>
      <span className="grow">{label}</span>
      <input
        type="number"
        min={min * 100}
        max={max * 100}
        step={1}
        value={Math.round(value * 1000) / 10}
        data-testid={testId}
        style={{ width: 64 }}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber / 100;
          if (v >= min && v <= max) onChange(v);
        }}
      />
      <span className="hint">%</span>
    </label>
  );
}

/** Why a model × class auto-accepts or not, in the user's words. */
function describeChoice(choice: ThresholdChoice, policy: AutoAcceptPolicy): string {
  if (choice.threshold !== null) return `auto-accepts scores ≥ ${choice.threshold.toFixed(3)} · precision ≥ ${pct(choice.lowerBound ?? 0)} at ${pct(policy.confidence)} confidence · ${choice.reviewed} reviews`;
  if (choice.reviewed < policy.minReviewed) return `everything to review · ${choice.reviewed} of the ${policy.minReviewed} reviews needed`;
  return `everything to review · no score band reaches ${pct(policy.targetPrecision)} yet (${choice.reviewed} reviews)`;
}

/**
 * The auto-accept policy: off by default. When on, new pre-labels scoring at
 * or above their model × class threshold are accepted without a human,
 * except a random audit share that goes to review and keeps the estimate
 * honest. Thresholds come from the review history (core/prelabel/autoAccept).
 */
export function AutoAcceptSettings({ projectId, schema, policy, onChange, shapesVersion }: Props) {
  const settled = useSettled(shapesVersion, 250);
  // The counters say cheaply whether a verdict changed; only then are thresholds chosen again (a pass over the project).
  const { data: reviews } = useStoreQuery(async (s) => reviewFingerprint(await s.prelabel.stats(projectId)), [projectId, settled]);
  const { data } = useStoreQuery((s) => s.prelabel.autoAcceptThresholds(projectId), [projectId, reviews, policy]);
  const className = (classId: string) => schema.classes.find((c) => c.id === classId)?.name ?? classId;
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="auto-accept">
      <label className="row" style={{ gap: 6 }}>
        <input type="checkbox" checked={policy.enabled} data-testid="auto-accept-toggle" onChange={(e) => onChange({ ...policy, enabled: e.currentTarget.checked })} />
        <span className="grow">Auto-accept where reviews show the model is right</span>
      </label>
      <PercentInput label="Target precision" value={policy.targetPrecision} min={0.5} max={0.999} testId="auto-accept-target" onChange={(targetPrecision) => onChange({ ...policy, targetPrecision })} />
      <PercentInput label="Confidence of the bound" value={policy.confidence} min={0.5} max={0.999} testId="auto-accept-confidence" onChange={(confidence) => onChange({ ...policy, confidence })} />
      <PercentInput label="Audit share of auto-accepted" value={policy.auditRate} min={0.01} max={1} testId="auto-accept-audit" onChange={(auditRate) => onChange({ ...policy, auditRate })} />
      <label className="row" style={{ gap: 6 }}>
        <span className="grow">Reviews needed first</span>
        <input
          type="number"
          min={1}
          max={100000}
          step={1}
          value={policy.minReviewed}
          data-testid="auto-accept-min-reviewed"
          style={{ width: 64 }}
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            if (Number.isInteger(v) && v >= 1) onChange({ ...policy, minReviewed: v });
          }}
        />
      </label>
      <div className="hint">
        A threshold is the lowest score whose precision, by a lower confidence bound over your reviews, is at least the target. Applies to new runs; audited pre-labels wait for review like the rest.
      </div>
      {data &&
        [...data.choices].map(([key, choice]) => {
          const [modelId, classId] = key.split('\u0000');
          return (
            <div key={key} className="hint" data-testid="auto-accept-threshold" data-model-id={modelId} data-class-name={className(classId ?? '')} data-threshold={choice.threshold ?? ''}>
              {modelId} · {className(classId ?? '')}: {describeChoice(choice, data.policy)}
            </div>
          );
        })}
    </div>
  );
}
