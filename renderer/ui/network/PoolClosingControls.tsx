import { useState } from 'react';
import type { PoolActionResult, PoolActionSummary } from '../../../electron/common/services/rewardsService';
import { useHost } from '../../platform/HostContext';
import { formatUnits } from './errorText';
import { useBusyAction } from './useBusyAction';

const when = (unix: number) => new Date(unix * 1000).toLocaleString();

/**
 * The requester's end of a task's pool: *Close* (requestClose — after the contract's delay nothing more
 * can be allocated) and *Reclaim* (refund of what was never allocated). Each shows what will be signed
 * and the pool as it stands; the host refuses with the contract's reason before anything doomed is signed.
 */
export function PoolClosingControls({ hubUrl, taskId }: { hubUrl: string; taskId: string }) {
  const host = useHost();
  const [summary, setSummary] = useState<PoolActionSummary | null>(null);
  const [result, setResult] = useState<PoolActionResult | null>(null);
  const { busy, error, run } = useBusyAction();

  const review = (action: 'close' | 'refund') =>
    run(async () => {
      setSummary(null);
      setResult(null);
      setSummary(await host.rewards.preparePoolAction({ hubUrl, taskId: taskId.trim(), action }));
    });

  const sign = () =>
    run(async () => {
      if (!summary) return;
      setResult(await host.rewards.confirmPoolAction({ requestId: summary.requestId }));
      setSummary(null);
    });

  const unit = (v: string) => `${formatUnits(v, summary?.tokenDecimals ?? null)} ${summary?.tokenSymbol ?? ''}`.trim();
  return (
    <div className="stack" data-testid="pool-closing">
      <div className="row">
        <button className="btn" data-testid="pool-close-review" disabled={busy || !taskId.trim()} onClick={() => void review('close')}>
          Close task…
        </button>
        <button className="btn" data-testid="pool-refund-review" disabled={busy || !taskId.trim()} onClick={() => void review('refund')}>
          Reclaim unspent…
        </button>
      </div>
      {summary && (
        <div className="stack" data-testid="pool-action-summary" data-action={summary.action}>
          <p>
            Pool of task <code>{summary.taskId}</code>: deposited {unit(summary.pool.deposited)}, allocated {unit(summary.pool.allocated)}, paid {unit(summary.pool.paid)}. Allocated rewards stay claimable by the annotators.
          </p>
          <p>
            {summary.action === 'close' ? (
              <>
                requestClose(<code>{summary.task}</code>) on the rewards contract <code>{summary.contract}</code> (chain {summary.chainId}): from {when(summary.refundFrom)} nothing more can be allocated and {unit(summary.refundable)} (or what is left unallocated then) can be reclaimed.
              </>
            ) : (
              <>
                refund(<code>{summary.task}</code>) on the rewards contract <code>{summary.contract}</code> (chain {summary.chainId}): pays this wallet {unit(summary.refundable)}.
              </>
            )}
          </p>
          <button className="btn primary" data-testid="pool-action-sign" disabled={busy} onClick={() => void sign()}>
            Sign and send
          </button>
        </div>
      )}
      {result && (
        <span className="stat" data-testid="pool-action-status" data-status={result.status}>
          {result.action} {result.status}
          {result.error ? `: ${result.error}` : ''}
          {result.txHash && (
            <>
              {' · tx '}
              <code>{result.txHash}</code>
            </>
          )}
        </span>
      )}
      {error && (
        <div className="error-box" data-testid="pool-action-error">
          {error}
        </div>
      )}
    </div>
  );
}
