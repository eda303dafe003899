import type { TaskDashboard } from '../../../../electron/common/services/requesterService';
import { averageTokenAmount, etaWords, percent, poolState, poolStateWords, spendWords, tokenAmount, type TokenUnit } from './dashboardFigures';

/** The pool's token as the host read it from the chain; amounts stay in base units when the chain could not be read. */
export const unitOf = (dashboard: TaskDashboard): TokenUnit => ({ symbol: dashboard.chain?.tokenSymbol ?? null, decimals: dashboard.chain?.tokenDecimals ?? null });

function Figure({ testId, label, value, text }: { testId: string; label: string; value: string | number; text?: string }) {
  return (
    <div className="stack" style={{ minWidth: '8rem' }}>
      <span className="hint">{label}</span>
      <strong data-testid={testId} data-value={String(value)}>
        {text ?? String(value)}
      </strong>
    </div>
  );
}

/**
 * Items by status, agreement, spend against the pool, the pool's rest, the
 * cost of an accepted item and the ETA. Spend is the hub's account (what its
 * epochs allocated plus what final items will add); the pool — deposited,
 * allocated, unallocated, refunded — is what the chain says, read by the host.
 * "Deposited" is everything put in (the contract lowers its own `deposited`
 * to the allocated amount when it refunds the rest, so the refund is added
 * back and named). `data-value` holds each figure exactly (counts, base units).
 */
export function DashboardFigures({ dashboard }: { dashboard: TaskDashboard }) {
  const { progress, chain } = dashboard;
  const unit = unitOf(dashboard);
  const amount = (v: string) => tokenAmount(v, unit);
  const { items, spend } = progress;
  // In total (deposited + refunded); the pool's current `deposited` when the refunds could not be read.
  const deposited = chain ? (chain.depositedTotal ?? chain.deposited) : null;
  const refunded = chain?.refunded ?? null;
  const now = Date.now();
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Figure testId="dashboard-open" label="Open" value={items.open} />
        <Figure testId="dashboard-accepted" label="Accepted" value={items.accepted} />
        <Figure testId="dashboard-disputed" label="Disputed" value={items.disputed} />
        <Figure testId="dashboard-resolved" label="Resolved by a reviewer" value={items.resolved} />
        <Figure testId="dashboard-agreement" label="Agreement" value={progress.agreementRate ?? ''} text={percent(progress.agreementRate)} />
        <Figure testId="dashboard-eta" label="ETA" value={progress.eta.estimatedCompletion ?? (progress.eta.done ? 'done' : '')} text={etaWords(progress.eta, Date.now())} />
      </div>
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <div className="stack grow">
          <span className="hint">Spend against the pool</span>
          <strong data-testid="dashboard-spend" data-value={spend.committed} data-allocated={spend.allocated} data-pending={spend.pending} data-deposited={deposited ?? ''} data-refunded={refunded ?? ''}>
            {spendWords(spend.committed, deposited, refunded, unit)}
          </strong>
          <span className="hint">
            {amount(spend.allocated)} allocated by closed epochs, {amount(spend.pending)} still to allocate; at most {amount(spend.maxSpend)} in all
          </span>
        </div>
        <div className="stack grow">
          <span className="hint">Pool remaining</span>
          {chain ? (
            <strong data-testid="dashboard-pool-remaining" data-value={chain.unallocated} data-state={poolState(chain, now)}>
              {amount(chain.unallocated)} unallocated on chain · {poolStateWords(chain, unit, now)}
            </strong>
          ) : (
            <strong data-testid="dashboard-pool-remaining" data-value="">
              unknown: {dashboard.chainError ?? 'the chain could not be read'}
            </strong>
          )}
          {progress.pool && (
            <span className="hint" data-testid="dashboard-hub-remaining">
              the hub may still allocate {amount(progress.pool.remaining)} ({progress.pool.state})
            </span>
          )}
          {progress.poolError && <span className="hint">the hub could not read the pool: {progress.poolError}</span>}
        </div>
        <Figure testId="dashboard-cost-per-item" label="Cost per accepted item" value={progress.costPerAcceptedItem ?? ''} text={progress.costPerAcceptedItem === null ? 'no accepted item yet' : averageTokenAmount(progress.costPerAcceptedItem, unit)} />
      </div>
      {chain && (
        <span className="hint" data-testid="dashboard-token">
          Token {chain.tokenSymbol ?? '(no symbol)'} <code>{chain.token}</code>
          {chain.tokenDecimals === null ? ', which reports no decimals: amounts in base units' : `, ${chain.tokenDecimals} decimals`} · pool <code>{chain.task}</code> on chain {chain.chainId}
        </span>
      )}
    </div>
  );
}
