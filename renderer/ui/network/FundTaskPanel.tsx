import { useEffect, useState } from 'react';
import type { DepositStatus, DepositSummary, DepositToken } from '../../../electron/common/services/rewardsService';
import { useHost } from '../../platform/HostContext';
import { formatUnits, parseUnits } from './errorText';
import { useBusyAction } from './useBusyAction';
import { PoolClosingControls } from './PoolClosingControls';

const TOKEN_SOURCE: Record<DepositSummary['tokenSource'], string> = {
  pool: "the pool's token, fixed on chain by its first deposit.",
  chosen: 'the token you chose.',
  task: "the task's reward token as the hub lists it: check it is the token you published the task with.",
  hub: "the hub's token (the hub does not list this task to this wallet): check it is the task's reward token.",
};

/**
 * A requester funds a task's pool from the wallet: Review shows exactly what will be signed — the token
 * approval when the allowance is short, then the deposit — and the pool as it stands; only "Sign and send"
 * signs. Rewards of a task are paid from its pool and never beyond it.
 */
export function FundTaskPanel({ hubUrl, hasWallet, taskId: initialTaskId }: { hubUrl: string | null; hasWallet: boolean; /** Pre-filled (a task's dashboard). */ taskId?: string }) {
  const host = useHost();
  const [taskId, setTaskId] = useState(initialTaskId ?? '');
  const [amount, setAmount] = useState('');
  const [summary, setSummary] = useState<DepositSummary | null>(null);
  /** The deposit's token as the chain describes it: the typed amount is converted with its decimals. */
  const [token, setToken] = useState<DepositToken | null>(null);
  const [status, setStatus] = useState<DepositStatus | null>(null);
  const { busy, error, run } = useBusyAction();

  useEffect(() => host.rewards.on('depositChanged', (next) => setStatus((current) => (current && current.requestId !== next.requestId ? current : next))), [host]);

  async function review() {
    if (!hubUrl) return;
    setSummary(null);
    await run(async () => {
      // The pool's token (or the task's), with the decimals its contract reports: never 18 by assumption.
      const described = await host.rewards.depositToken({ hubUrl, taskId: taskId.trim() });
      setToken(described);
      const units = parseUnits(amount, described.tokenDecimals);
      if (units === null || units === '0') {
        const places = described.tokenDecimals === null ? 'a whole number of raw units (the token has no decimals())' : `a number greater than 0 with at most ${described.tokenDecimals} decimal places, e.g. 100 or 12.5`;
        throw new Error(`"${amount}" is not an amount of ${described.tokenSymbol ?? described.token}: give ${places}`);
      }
      setSummary(await host.rewards.prepareDeposit({ hubUrl, taskId: taskId.trim(), amount: units, token: described.token }));
    });
  }

  const sign = () =>
    run(async () => {
      if (!summary) return;
      setStatus(await host.rewards.confirmDeposit({ requestId: summary.requestId }));
      setSummary(null);
    });

  if (!hubUrl || !hasWallet) return null;
  const shown = summary ?? token;
  const unit = (v: string) => `${formatUnits(v, shown?.tokenDecimals ?? null)} ${shown?.tokenSymbol ?? ''}`.trim();
  return (
    <section className="card stack" data-testid="fund-task-panel">
      <h2>Fund or close a task</h2>
      <div className="row">
        <input className="grow" placeholder="task id" value={taskId} data-testid="fund-task-id" onChange={(e) => setTaskId(e.target.value)} />
        <input placeholder="amount" value={amount} data-testid="fund-amount" onChange={(e) => setAmount(e.target.value)} />
        <button className="btn" data-testid="fund-review" disabled={busy || !taskId.trim() || !amount} onClick={() => void review()}>
          Review
        </button>
      </div>
      <PoolClosingControls hubUrl={hubUrl} taskId={taskId} />
      {summary && (
        <div className="stack" data-testid="fund-summary">
          <p data-testid="fund-token">
            Paid in {summary.tokenSymbol ?? 'a token without a symbol'} (<code>{summary.token}</code>,{' '}
            {summary.tokenDecimals === null ? 'no decimals(): amounts in raw units' : `${summary.tokenDecimals} decimals`}, as its contract says) — {TOKEN_SOURCE[summary.tokenSource]}
          </p>
          {summary.warning && (
            <div className="error-box" data-testid="fund-warning">
              {summary.warning}
            </div>
          )}
          <p>
            Pool of task <code>{summary.taskId}</code> (<code>{summary.task}</code>): deposited {unit(summary.pool.deposited)}, allocated {unit(summary.pool.allocated)}, paid {unit(summary.pool.paid)}
            {summary.pool.requester === null ? ' — this deposit creates it and makes this wallet its requester.' : '.'}
          </p>
          <ol>
            {summary.approve && (
              <li data-testid="fund-step-approve">
                approve(<code>{summary.approve.spender}</code>, {unit(summary.approve.amount)}) on the token <code>{summary.token}</code>
              </li>
            )}
            <li data-testid="fund-step-deposit">
              deposit(<code>{summary.deposit.task}</code>, <code>{summary.deposit.token}</code>, {unit(summary.deposit.amount)}) on the rewards contract <code>{summary.contract}</code> (chain {summary.chainId})
            </li>
          </ol>
          <button className="btn primary" data-testid="fund-sign" disabled={busy} onClick={() => void sign()}>
            Sign and send
          </button>
        </div>
      )}
      {status && (
        <span className="stat" data-testid="fund-status" data-status={status.status}>
          {status.status}
          {status.credited ? ` · credited ${unit(status.credited)}` : ''}
          {status.error ? `: ${status.error}` : ''}
          {status.txHash && (
            <>
              {' · tx '}
              <code>{status.txHash}</code>
            </>
          )}
        </span>
      )}
      {error && (
        <div className="error-box" data-testid="fund-error">
          {error}
        </div>
      )}
    </section>
  );
}
