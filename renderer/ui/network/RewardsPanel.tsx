import { useCallback, useEffect, useState } from 'react';
import type { ClaimStatus, Rewards, TokenRewards } from '../../../electron/common/services/rewardsService';
import { useHost } from '../../platform/HostContext';
import { errorText, formatUnits } from './errorText';
import { useHubRead } from './useHubRead';
import { announceNetworkChange } from './useNetworkChanges';

/**
 * Earned, claimed and claimable on one hub's chain, and the claim transaction's state and hash. Tasks may pay
 * in different tokens: the pinned token's figures first, then one row per token (symbol and decimals from each
 * token contract; amounts of different tokens are never added up). One Claim sends every task's claim.
 */
export function RewardsPanel({ hubUrl, hasWallet, localHub }: { hubUrl: string | null; hasWallet: boolean; localHub: boolean }) {
  const host = useHost();
  const read = useCallback((url: string) => host.rewards.get({ hubUrl: url }), [host]);
  const { value: rewards, error, setError, refresh } = useHubRead<Rewards>(read, hubUrl, hasWallet);
  const [claim, setClaim] = useState<ClaimStatus | null>(null);
  const [claiming, setClaiming] = useState(false);

  // The figures are re-read by useHubRead when the claim settles; this only follows its state.
  useEffect(() => host.rewards.on('claimChanged', (status) => setClaim((current) => (current && current.claimId !== status.claimId ? current : status))), [host]);

  async function sendClaim() {
    if (!hubUrl) return;
    setClaiming(true);
    setError(null);
    try {
      setClaim(await host.rewards.claim({ hubUrl }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setClaiming(false);
    }
  }

  /** The local network has no operator but this machine: let the newcomer close the epoch to see the whole loop. */
  async function closeLocalEpoch() {
    if (!hubUrl) return;
    setError(null);
    try {
      await host.hub.closeLocalEpoch({ hubUrl });
      // Rewards, reputation and balances all move when an epoch closes.
      announceNetworkChange();
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (!hubUrl) return null;
  const unit = (v: string) => `${formatUnits(v, rewards?.tokenDecimals ?? null)} ${rewards?.tokenSymbol ?? ''}`.trim();
  const inToken = (v: string | null, t: TokenRewards) => (v === null ? 'unreadable' : `${formatUnits(v, t.tokenDecimals)} ${t.tokenSymbol ?? ''}`.trim());
  const otherTokens = rewards?.tokens.slice(1) ?? [];
  const claimable = rewards?.tokens.some((t) => t.claimable !== '0') ?? false;
  return (
    <section className="card stack" data-testid="rewards-panel">
      <div className="row">
        <h2 className="grow">Rewards</h2>
        {localHub && (
          <button className="btn ghost" data-testid="close-local-epoch" onClick={() => void closeLocalEpoch()}>
            Close epoch (local network)
          </button>
        )}
        <button className="btn ghost" data-testid="rewards-refresh" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {rewards && (
        <table className="table">
          <tbody>
            <tr>
              <th>Chain / epoch</th>
              <td className="stat">
                {rewards.chainId} / epoch {rewards.epoch}
              </td>
            </tr>
            <tr>
              <th>Earned</th>
              <td data-testid="rewards-earned" data-value={rewards.earned}>
                {unit(rewards.earned)}
              </td>
            </tr>
            <tr>
              <th>Claimed</th>
              <td data-testid="rewards-claimed" data-value={rewards.claimed}>
                {unit(rewards.claimed)}
              </td>
            </tr>
            <tr>
              <th>Claimable</th>
              <td data-testid="rewards-claimable" data-value={rewards.claimable}>
                {unit(rewards.claimable)}
              </td>
            </tr>
            <tr>
              <th>Balance</th>
              <td data-testid="rewards-balance" data-value={rewards.balance}>
                {unit(rewards.balance)}
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {otherTokens.length > 0 && (
        <table className="table" data-testid="rewards-other-tokens">
          <thead>
            <tr>
              <th>Other tokens</th>
              <th>Earned</th>
              <th>Claimed</th>
              <th>Claimable</th>
              <th>Balance</th>
            </tr>
          </thead>
          <tbody>
            {otherTokens.map((t) => (
              <tr key={t.token} data-testid="rewards-token" data-token={t.token} data-claimable={t.claimable}>
                <td>
                  {t.tokenSymbol ?? 'no symbol'} <code>{t.token}</code>
                  {t.tokenDecimals === null ? ' (raw units)' : ''}
                </td>
                <td>{inToken(t.earned, t)}</td>
                <td>{inToken(t.claimed, t)}</td>
                <td>{inToken(t.claimable, t)}</td>
                <td>{inToken(t.balance, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button className="btn primary" data-testid="claim-button" disabled={claiming || !rewards || !claimable} onClick={sendClaim}>
          Claim
        </button>
        {claim && (
          <span className="stat grow" data-testid="claim-status" data-status={claim.status}>
            {claim.status}
            {claim.error ? `: ${claim.error}` : ''}
            {claim.txHash && (
              <>
                {' · tx '}
                <code data-testid="claim-tx">{claim.txHash}</code>
              </>
            )}
          </span>
        )}
      </div>
      {error && (
        <div className="error-box" data-testid="rewards-error">
          {error}
        </div>
      )}
    </section>
  );
}
