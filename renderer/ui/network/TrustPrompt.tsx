import type { TrustProposal } from '../../../electron/common/services/hubService';
import { Modal } from '../labeling/Modal';

const LABELS: Record<TrustProposal['changes'][number]['field'], string> = {
  chainId: 'Chain',
  rewardsContract: 'Rewards contract',
  token: 'Token',
  stakeRegistry: 'Stake registry',
  rpcUrl: 'RPC',
};

const RPC_SOURCES: Record<NonNullable<TrustProposal['rpcSource']>, string> = { user: 'you gave it', hub: 'suggested by the hub', pinned: 'trusted earlier' };

/**
 * Trust on first use, like an SSH host key: what the workstation will pin for
 * this hub (chain, contracts, token, RPC) with the checks the host made over
 * the chain. On a changed configuration it shows old → new and asks again.
 * Nothing is pinned unless the user presses Trust.
 */
export function TrustPrompt({ proposal, busy, onTrust, onCancel }: { proposal: TrustProposal; busy: boolean; onTrust: () => void; onCancel: () => void }) {
  const { config, changes, checks } = proposal;
  const changed = changes.length > 0;
  const rows: [string, string, string | null][] = [
    ['Chain', 'trust-chain', String(config.chainId)],
    ['Rewards contract', 'trust-rewards', config.rewardsContract],
    ['Token', 'trust-token', config.token],
    ['Stake registry', 'trust-stake-registry', config.stakeRegistry ?? null],
    ['RPC', 'trust-rpc', config.rpcUrl ? `${config.rpcUrl}${proposal.rpcSource ? ` (${RPC_SOURCES[proposal.rpcSource]})` : ''}` : null],
    ['Sign-in domain', 'trust-siwe-domain', proposal.siweDomain],
  ];
  return (
    <Modal title={changed ? 'This hub changed what you trusted' : 'Trust this hub?'} onClose={onCancel} testId="trust-prompt" wide>
      <p className="hint">
        {changed
          ? `${proposal.hubUrl} now announces other values than the ones you confirmed. Until you trust them, the old ones stay in force and sign-in is refused.`
          : `First connection to ${proposal.hubUrl}. These values will be pinned: batches are signed for this chain and contract, and staking approves this token.`}
      </p>
      {changed && (
        <table className="table" data-testid="trust-changes">
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} data-testid="trust-change" data-field={c.field}>
                <th>{LABELS[c.field]}</th>
                <td className="stat">
                  <code>{c.old ?? '(none)'}</code> → <code>{c.new ?? '(none)'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="table" data-testid="trust-values">
        <tbody>
          {rows.map(([label, testId, value]) => (
            <tr key={testId}>
              <th>{label}</th>
              <td>
                <code data-testid={testId}>{value ?? '(none)'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="stack" data-testid="trust-checks">
        {checks.map((c) => (
          <li key={c.check} className="stat" data-testid="trust-check" data-check={c.check} data-status={c.status}>
            {c.status === 'ok' ? '✓ ' : '⚠ '}
            {c.detail}
          </li>
        ))}
      </ul>
      <div className="row">
        <span className="grow" />
        <button className="btn" data-testid="trust-cancel" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        <button className="btn primary" data-testid="trust-confirm" disabled={busy} onClick={onTrust}>
          {changed ? 'Trust the new values' : 'Trust'}
        </button>
      </div>
    </Modal>
  );
}
