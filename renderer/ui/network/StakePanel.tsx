import { useCallback, useEffect, useState } from 'react';
import type { Stake, StakeTxStatus } from '../../../electron/common/services/stakeService';
import { useHost } from '../../platform/HostContext';
import { errorText, formatUnits, parseUnits } from './errorText';
import { useHubRead } from './useHubRead';

/**
 * Stake in the hub's StakeRegistry: active, unbonding and when it can be
 * withdrawn, the wallet's balance, and stake / request unstake / withdraw
 * with each transaction's state (signed and sent on the Node side).
 */
export function StakePanel({ hubUrl, hasWallet }: { hubUrl: string | null; hasWallet: boolean }) {
  const host = useHost();
  const read = useCallback((url: string) => host.stake.get({ hubUrl: url }), [host]);
  const { value: stake, error, setError, refresh } = useHubRead<Stake>(read, hubUrl, hasWallet);
  const [tx, setTx] = useState<StakeTxStatus | null>(null);
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);

  // The figures are re-read by useHubRead when a transaction settles; this only follows its state.
  useEffect(() => host.stake.on('txChanged', (status) => setTx((current) => (current && current.txId !== status.txId ? current : status))), [host]);

  async function send(action: 'stake' | 'requestUnstake' | 'withdraw') {
    if (!hubUrl) return;
    setError(null);
    let units: string | null = null;
    if (action !== 'withdraw') {
      units = parseUnits(amount, stake?.tokenDecimals ?? 18);
      if (units === null || units === '0') return setError(`"${amount}" is not an amount of tokens: give a number greater than 0, e.g. 100 or 12.5`);
    }
    setBusy(true);
    try {
      setTx(action === 'withdraw' ? await host.stake.withdraw({ hubUrl }) : await host.stake[action]({ hubUrl, amount: units! }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!hubUrl) return null;
  const unit = (v: string) => `${formatUnits(v, stake?.tokenDecimals ?? null)} ${stake?.tokenSymbol ?? ''}`.trim();
  const inFlight = tx !== null && (tx.status === 'approving' || tx.status === 'pending');
  return (
    <section className="card stack" data-testid="stake-panel">
      <div className="row">
        <h2 className="grow">Stake</h2>
        <button className="btn ghost" data-testid="stake-refresh" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {stake && (
        <table className="table">
          <tbody>
            <tr>
              <th>Active</th>
              <td data-testid="stake-active" data-value={stake.active}>
                {unit(stake.active)}
              </td>
            </tr>
            <tr>
              <th>Unbonding</th>
              <td data-testid="stake-unbonding" data-value={stake.unbonding}>
                {unit(stake.unbonding)}
                {stake.availableAt !== null && <span className="stat"> · available {new Date(stake.availableAt * 1000).toLocaleString()}</span>}
              </td>
            </tr>
            <tr>
              <th>Balance</th>
              <td data-testid="stake-balance" data-value={stake.balance}>
                {unit(stake.balance)}
              </td>
            </tr>
          </tbody>
        </table>
      )}
      <div className="row">
        <input className="input grow" data-testid="stake-amount-input" placeholder="amount in tokens, e.g. 100" value={amount} onChange={(e) => setAmount(e.target.value)} />
        <button className="btn primary" data-testid="stake-button" disabled={busy || inFlight || !stake} onClick={() => void send('stake')}>
          Stake
        </button>
        <button className="btn" data-testid="unstake-button" disabled={busy || inFlight || !stake || stake.active === '0'} onClick={() => void send('requestUnstake')}>
          Request unstake
        </button>
        <button className="btn" data-testid="withdraw-button" disabled={busy || inFlight || !stake?.withdrawable} onClick={() => void send('withdraw')}>
          Withdraw
        </button>
      </div>
      {tx && (
        <div className="stat" data-testid="stake-tx-status" data-status={tx.status} data-action={tx.action}>
          {tx.action} {unit(tx.amount)}: {tx.status}
          {tx.error ? ` — ${tx.error}` : ''}
          {tx.txHash && (
            <>
              {' · tx '}
              <code data-testid="stake-tx">{tx.txHash}</code>
            </>
          )}
        </div>
      )}
      {error && (
        <div className="error-box" data-testid="stake-error">
          {error}
        </div>
      )}
    </section>
  );
}
