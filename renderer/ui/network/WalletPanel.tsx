import { useEffect, useState } from 'react';
import type { WalletOperation, WalletStatus } from '../../../electron/common/services/walletService';
import { useHost } from '../../platform/HostContext';
import { errorText } from './errorText';

/** The wallet's status, kept current from the host's `changed` events. */
export function useWalletStatus(): WalletStatus | null {
  const host = useHost();
  const [status, setStatus] = useState<WalletStatus | null>(null);
  useEffect(() => {
    let live = true;
    void host.wallet.status({}).then((s) => live && setStatus(s));
    const off = host.wallet.on('changed', setStatus);
    return () => {
      live = false;
      off();
    };
  }, [host]);
  return status;
}

/**
 * Create, import, unlock, lock and export the wallet. Passwords go to the
 * host and the host answers with the address only: no key material is ever
 * in this page.
 */
export function WalletPanel() {
  const host = useHost();
  const status = useWalletStatus();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<WalletOperation | 'lock' | null>(null);
  const [percent, setPercent] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [keystoreFile, setKeystoreFile] = useState<File | null>(null);

  useEffect(() => host.wallet.on('progress', (p) => setPercent(p.percent)), [host]);

  async function run(operation: WalletOperation | 'lock', work: () => Promise<unknown>) {
    setBusy(operation);
    setPercent(0);
    setError(null);
    try {
      await work();
      setPassword('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  async function exportKeystore() {
    try {
      const { keystoreJson, fileName } = await host.wallet.exportKeystore({});
      const url = URL.createObjectURL(new Blob([keystoreJson], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (!status) return <section className="card">Reading the wallet…</section>;
  const passwordInput = (
    <input className="input" type="password" data-testid="wallet-password" placeholder="Password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
  );
  return (
    <section className="card stack" data-testid="wallet-panel" data-unlocked={status.unlocked}>
      <h2>Wallet</h2>
      {status.address && (
        <div className="row">
          <span className="stat">Address</span>
          <code data-testid="wallet-address">{status.address}</code>
          <span className={`badge${status.unlocked ? '' : ' warn'}`}>{status.unlocked ? 'unlocked' : 'locked'}</span>
        </div>
      )}
      {!status.address && (
        <div className="stack">
          <p className="hint">A wallet signs your label batches and receives your rewards. Its key is encrypted with your password and never leaves this machine's host.</p>
          <div className="row">
            {passwordInput}
            <button className="btn primary" data-testid="wallet-create" disabled={busy !== null || password.length < 8} onClick={() => run('create', () => host.wallet.create({ password }))}>
              Create wallet
            </button>
          </div>
          <div className="row">
            <input className="input" type="file" accept=".json,application/json" data-testid="wallet-import-file" onChange={(e) => setKeystoreFile(e.target.files?.[0] ?? null)} />
            <button
              className="btn"
              data-testid="wallet-import"
              disabled={busy !== null || !keystoreFile || password.length === 0}
              onClick={() => run('import', async () => host.wallet.import({ keystoreJson: await keystoreFile!.text(), password }))}
            >
              Import keystore
            </button>
          </div>
        </div>
      )}
      {status.address && !status.unlocked && (
        <div className="row">
          {passwordInput}
          <button className="btn primary" data-testid="wallet-unlock" disabled={busy !== null || password.length === 0} onClick={() => run('unlock', () => host.wallet.unlock({ password }))}>
            Unlock
          </button>
        </div>
      )}
      {status.address && (
        <div className="row">
          {status.unlocked && (
            <button className="btn ghost" data-testid="wallet-lock" onClick={() => run('lock', () => host.wallet.lock({}))}>
              Lock
            </button>
          )}
          <button className="btn ghost" data-testid="wallet-export" onClick={exportKeystore}>
            Export keystore
          </button>
        </div>
      )}
      {busy && busy !== 'lock' && (
        <div className="stack" data-testid="wallet-progress" role="progressbar" aria-valuenow={Math.round(percent)} aria-valuemin={0} aria-valuemax={100}>
          <span className="stat">{busy === 'create' ? 'Encrypting the new key…' : busy === 'import' ? 'Checking the keystore…' : 'Unlocking…'} {Math.round(percent)} %</span>
          <div className="progress">
            <div style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {error && (
        <div className="error-box" data-testid="wallet-error">
          {error}
        </div>
      )}
    </section>
  );
}
