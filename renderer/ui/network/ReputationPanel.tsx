import { useCallback } from 'react';
import { useHost } from '../../platform/HostContext';
import { tierTableOf, tierView } from './reputationView';
import { useHubRead } from './useHubRead';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A tiny sparkline of the reputation mean over its history (oldest left). */
function HistoryChart({ points }: { points: number[] }) {
  if (points.length < 2) return null;
  const w = 240;
  const h = 48;
  const path = points.map((m, i) => `${i === 0 ? 'M' : 'L'}${((i / (points.length - 1)) * w).toFixed(1)},${(h - m * h).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} role="img" aria-label="reputation mean over time" data-testid="reputation-chart">
      <rect x={0} y={0} width={w} height={h} fill="none" stroke="var(--border)" />
      <path d={path} fill="none" stroke="var(--accent, #4f8cff)" strokeWidth={1.5} />
    </svg>
  );
}

/**
 * The wallet's reputation on this hub (Beta posterior: mean and 10% lower
 * bound, overall and per class, with its history), its tier and what the
 * next tier needs, and the reward multiplier reputation earns.
 */
export function ReputationPanel({ hubUrl, hasWallet }: { hubUrl: string | null; hasWallet: boolean }) {
  const host = useHost();
  const read = useCallback(
    async (url: string) => {
      const [reputation, tiers] = await Promise.all([host.hub.getReputation({ hubUrl: url }), host.hub.getTiers({ hubUrl: url }).catch(() => null)]);
      return { reputation, tiers };
    },
    [host],
  );
  const { value, error, refresh } = useHubRead(read, hubUrl, hasWallet);
  const reputation = value?.reputation ?? null;
  const tiers = value?.tiers ?? null;

  if (!hubUrl) return null;
  const view = reputation ? tierView(reputation, tierTableOf(tiers)) : null;
  const classes = reputation ? Object.entries(reputation.perClass).sort(([a], [b]) => (a < b ? -1 : 1)) : [];
  return (
    <section className="card stack" data-testid="reputation-panel">
      <div className="row">
        <h2 className="grow">Reputation and tier</h2>
        <button className="btn ghost" data-testid="reputation-refresh" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {reputation && view && (
        <>
          <table className="table">
            <tbody>
              <tr>
                <th>Accuracy (mean)</th>
                <td data-testid="reputation-mean" data-value={reputation.overall.mean}>
                  {pct(reputation.overall.mean)}
                </td>
              </tr>
              <tr>
                <th>Lower bound (10%)</th>
                <td data-testid="reputation-lower" data-value={reputation.overall.lower}>
                  {pct(reputation.overall.lower)}
                </td>
              </tr>
              <tr>
                <th>Scored items</th>
                <td data-testid="reputation-scored" data-value={reputation.scoredItems}>
                  {reputation.scoredItems}
                </td>
              </tr>
              <tr>
                <th>Tier</th>
                <td data-testid="tier-name" data-tier={view.level ?? ''}>
                  {view.name}
                </td>
              </tr>
              <tr>
                <th>{view.nextName ? `For ${view.nextName}` : 'Next tier'}</th>
                <td data-testid="next-tier-needs" data-count={view.needs.length}>
                  {view.needs.length === 0 ? 'top tier reached' : view.needs.join(' · ')}
                </td>
              </tr>
              <tr>
                <th>Reward multiplier</th>
                <td data-testid="reward-multiplier" data-value={reputation.multiplier}>
                  ×{reputation.multiplier.toFixed(2)}
                </td>
              </tr>
              {reputation.reviewer && (
                <tr>
                  <th>As reviewer</th>
                  <td data-testid="reviewer-mean" data-value={reputation.reviewer.mean}>
                    {pct(reputation.reviewer.mean)}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {classes.length > 0 && (
            <table className="table" data-testid="reputation-per-class">
              <thead>
                <tr>
                  <th>Class</th>
                  <th>Mean</th>
                  <th>Lower bound</th>
                </tr>
              </thead>
              <tbody>
                {classes.map(([name, r]) => (
                  <tr key={name} data-testid="reputation-class-row" data-class-name={name} data-mean={r.mean}>
                    <td>{name}</td>
                    <td>{pct(r.mean)}</td>
                    <td>{pct(r.lower)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <HistoryChart points={reputation.history.map((h) => h.mean)} />
          {reputation.history.length > 0 && (
            <details>
              <summary>History ({reputation.history.length})</summary>
              <table className="table" data-testid="reputation-history">
                <tbody>
                  {reputation.history
                    .slice(-50)
                    .reverse()
                    .map((h, i) => (
                      <tr key={i}>
                        <td className="stat">{typeof h.at === 'number' ? new Date(h.at).toLocaleString() : h.at}</td>
                        <td>{h.kind}</td>
                        <td className="stat">{h.itemId ?? ''}</td>
                        <td>{h.delta === undefined ? '' : h.delta > 0 ? `+${h.delta}` : h.delta}</td>
                        <td>{pct(h.mean)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      )}
      {error && (
        <div className="error-box" data-testid="reputation-error">
          {error}
        </div>
      )}
    </section>
  );
}
