import type { PrelabelCounts } from '../../../core/prelabel/statistics';
import { useStoreQuery } from '../useStoreQuery';
import { useSettled } from './useSettled';

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);

/** Both rates of a row: shares of its reviewed predictions (accepted + corrected + rejected). */
const rates = (c: PrelabelCounts) => `verified ${percent(c.verificationRate)} · corrected ${percent(c.correctionRate)}`;

/** Precision of the audit sample of auto-accepted pre-labels: the point estimate, its lower bound and how many a human checked. */
function audited(c: PrelabelCounts | undefined): string {
  const a = c?.audited;
  if (!a || a.reviewed === 0 || a.precision === null) return '—';
  const bound = a.lowerBound === null ? '' : ` (≥ ${percent(a.lowerBound)})`;
  return `${percent(a.precision)}${bound} of ${a.reviewed}`;
}

function Row({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <div className="row">
      <span className="grow">{label}</span>
      <b data-testid={testId}>{value}</b>
    </div>
  );
}

/**
 * Verification statistics of the project, per model and per class: see
 * core/prelabel/README.md for what each number counts.
 */
export function PrelabelStats({ projectId, shapesVersion }: { projectId: string; shapesVersion: unknown }) {
  const settled = useSettled(shapesVersion, 250);
  const { data } = useStoreQuery(async (s) => ({ stats: await s.prelabel.stats(projectId), project: await s.getProject(projectId) }), [projectId, settled]);
  const p: PrelabelCounts | undefined = data?.stats.project;
  const className = (classId: string) => data?.project?.labelSchema.classes.find((c) => c.id === classId)?.name ?? classId;
  return (
    <div className="stack" style={{ gap: 2 }} data-testid="prelabel-stats">
      <Row label="Accepted unchanged" value={p?.accepted ?? 0} testId="stat-accepted" />
      <Row label="Corrected" value={p?.corrected ?? 0} testId="stat-corrected" />
      <Row label="Rejected" value={p?.rejected ?? 0} testId="stat-rejected" />
      <Row label="Missed (drawn by hand)" value={p?.missed ?? 0} testId="stat-missed" />
      <Row label="Pending review" value={p?.pending ?? 0} testId="stat-pending" />
      <Row label="Verification rate" value={percent(p?.verificationRate ?? null)} testId="stat-verification-rate" />
      <Row label="Correction rate" value={percent(p?.correctionRate ?? null)} testId="stat-correction-rate" />
      <Row label="Auto-accepted (no human)" value={p?.autoAccepted ?? 0} testId="stat-auto-accepted" />
      <Row label="Needed a human" value={percent(p?.needsHumanShare ?? null)} testId="stat-needs-human" />
      <Row label="Audited precision" value={audited(p)} testId="stat-audited-precision" />
      {data &&
        [...data.stats.byModel].map(([modelId, c]) => (
          <div key={modelId} className="hint" data-testid="stat-model" data-model-id={modelId}>
            {modelId}: {c.accepted}/{c.corrected}/{c.rejected} · missed {c.missed} · {rates(c)}
            {[...(data.stats.byModelClass.get(modelId) ?? [])].map(([classId, k]) => (
              <div key={classId} data-testid="stat-class" data-model-id={modelId} data-class-name={className(classId)}>
                {className(classId)}: {k.accepted}/{k.corrected}/{k.rejected} · missed {k.missed} · {rates(k)}
              </div>
            ))}
          </div>
        ))}
    </div>
  );
}
