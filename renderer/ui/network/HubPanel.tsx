import { useEffect, useState } from 'react';
import type { HubInfo, TrustProposal } from '../../../electron/common/services/hubService';
import { useHost } from '../../platform/HostContext';
import { errorText } from './errorText';
import { TrustPrompt } from './TrustPrompt';

/**
 * Hub URL and sign-in. The local network's hub (npm start without a hub
 * configured) comes prefilled; a remote hub needs the chain's RPC URL for
 * rewards when it does not announce one. A hub seen for the first time, or
 * one whose configuration changed, is trusted only through the TrustPrompt;
 * refusals (foreign sign-in domain, RPC of another chain, contracts without
 * code) show in the error box.
 */
export function HubPanel({ hub, onHub, walletUnlocked }: { hub: HubInfo | null; onHub: (hub: HubInfo | null) => void; walletUnlocked: boolean }) {
  const host = useHost();
  const [url, setUrl] = useState('');
  const [rpcUrl, setRpcUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposal, setProposal] = useState<TrustProposal | null>(null);

  useEffect(() => {
    let live = true;
    void host.hub.list({}).then(({ defaultHub, hubs }) => {
      if (!live || !defaultHub) return;
      setUrl((current) => current || defaultHub);
      const known = hubs.find((h) => h.hubUrl === defaultHub);
      if (known) onHub(known);
    });
    const off = host.hub.on('changed', (info) => onHub(info));
    return () => {
      live = false;
      off();
    };
    // onHub is the parent's setter: stable for this panel's life.
  }, [host]);

  async function signInTo(trusted: HubInfo) {
    onHub(walletUnlocked ? await host.hub.signIn({ hubUrl: trusted.hubUrl }) : trusted);
  }

  async function connect() {
    setBusy(true);
    setError(null);
    try {
      const result = await host.hub.connect({ hubUrl: url.trim(), ...(rpcUrl.trim() ? { rpcUrl: rpcUrl.trim() } : {}) });
      if (result.status === 'needs-confirmation') setProposal(result.proposal);
      else await signInTo(result.info);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function trust(confirmed: TrustProposal) {
    setBusy(true);
    setError(null);
    try {
      const info = await host.hub.confirmTrust({ hubUrl: confirmed.hubUrl, proposalId: confirmed.proposalId });
      setProposal(null);
      await signInTo(info);
    } catch (e) {
      setProposal(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" data-testid="hub-panel">
      <h2>Hub</h2>
      <div className="row">
        <input className="input grow" data-testid="hub-url-input" placeholder="http://127.0.0.1:8787" value={url} onChange={(e) => setUrl(e.target.value)} />
        <button className="btn primary" data-testid="hub-connect" disabled={busy || url.trim() === ''} onClick={connect}>
          {walletUnlocked ? 'Connect and sign in' : 'Connect'}
        </button>
      </div>
      <input className="input" data-testid="hub-rpc-input" placeholder="Chain RPC URL (checked: it must serve the hub's chain)" value={rpcUrl} onChange={(e) => setRpcUrl(e.target.value)} />
      {hub && (
        <div className="row" data-testid="hub-status" data-signed-in={hub.signedInAs ? 'true' : 'false'}>
          <span className="badge">chain {hub.config.chainId}</span>
          {hub.local && <span className="badge">local network</span>}
          <span className="stat grow">{hub.signedInAs ? `signed in as ${hub.signedInAs} (${hub.roles.join(', ') || 'no roles'})` : 'not signed in: unlock the wallet and connect again'}</span>
        </div>
      )}
      {proposal && <TrustPrompt proposal={proposal} busy={busy} onTrust={() => void trust(proposal)} onCancel={() => setProposal(null)} />}
      {error && (
        <div className="error-box" data-testid="hub-error">
          {error}
        </div>
      )}
    </section>
  );
}
