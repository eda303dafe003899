import { useEffect, useState } from 'react';
import type { PrelabelCounts } from '../../../core/prelabel/statistics';
import { useStoreQuery } from '../useStoreQuery';

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);

/** Re-reads the statistics after shapes settle (every review edit changes them), not on every frame of a drag. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
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
 * Verification statistics of the project (and per model): see
 * core/prelabel/statistics.ts for what each number counts.
 */
export function PrelabelStats({ projectId, shapesVersion }: { projectId: string; shapesVersion: unknown }) {
  const settled = useSettled(shapesVersion, 250);
  const { data } = useStoreQuery((s) => s.prelabel.stats(projectId), [projectId, settled]);
  const p: PrelabelCounts | undefined = data?.project;
  return (
    <div className="stack" style={{ gap: 2 }} data-testid="prelabel-stats">
      <Row label="Accepted unchanged" value={p?.accepted ?? 0} testId="stat-accepted" />
      <Row label="Corrected" value={p?.corrected ?? 0} testId="stat-corrected" />
      <Row label="Rejected" value={p?.rejected ?? 0} testId="stat-rejected" />
      <Row label="Missed (drawn by hand)" value={p?.missed ?? 0} testId="stat-missed" />
      <Row label="Pending review" value={p?.pending ?? 0} testId="stat-pending" />
      <Row label="Verification rate" value={percent(p?.verificationRate ?? null)} testId="stat-verification-rate" />
      {data && data.byModel.size > 1 &&
        [...data.byModel].map(([modelId, c]) => (
          <div key={modelId} className="hint" data-testid="stat-model" data-model-id={modelId}>
            {modelId}: {c.accepted}/{c.corrected}/{c.rejected} · missed {c.missed} · {percent(c.verificationRate)}
          </div>
        ))}
    </div>
  );
}
