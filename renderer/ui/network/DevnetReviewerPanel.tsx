import { useEffect, useState } from 'react';
import type { HubInfo } from '../../../electron/common/services/hubService';
import { useHost } from '../../platform/HostContext';
import { useBusyAction } from './useBusyAction';

/**
 * On the local network this host started (npm start), one click gives the
 * wallet the reviewer role: the grant an operator makes on a real hub, which
 * here is the user's own, since the host deployed this devnet and holds its
 * operator key. Shown for that hub only; the host refuses every other.
 * Roles are read again (a new sign-in) so reviewer mode is reachable at once.
 */
export function DevnetReviewerPanel({ hub, hasWallet, walletUnlocked }: { hub: HubInfo | null; hasWallet: boolean; walletUnlocked: boolean }) {
  const host = useHost();
  const [ownHubUrl, setOwnHubUrl] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { busy, error, run } = useBusyAction();

  useEffect(() => {
    let live = true;
    void host.localNetwork.status({}).then(({ hubUrl }) => live && setOwnHubUrl(hubUrl));
    return () => {
      live = false;
    };
  }, [host]);

  if (!hub || ownHubUrl === null || hub.hubUrl !== ownHubUrl) return null;
  const isReviewer = hub.signedInAs !== null && hub.roles.includes('reviewer');

  const makeMeReviewer = () =>
    run(async () => {
      setNote(null);
      const granted = await host.localNetwork.makeMeReviewer({ hubUrl: hub.hubUrl });
      // A fresh sign-in announces the new roles to every panel; a locked wallet sees them when it next signs in.
      if (walletUnlocked) await host.hub.signIn({ hubUrl: hub.hubUrl });
      else setNote(`granted to ${granted.address}: unlock the wallet and connect to sign in as a reviewer`);
    });

  return (
    <section className="card stack" data-testid="devnet-reviewer-panel" data-reviewer={isReviewer ? 'true' : 'false'}>
      <div className="row">
        <h2 className="grow">Reviewer role (local network)</h2>
        {isReviewer ? (
          <span className="badge" data-testid="devnet-reviewer-granted">
            you are a reviewer here
          </span>
        ) : (
          <button className="btn" data-testid="devnet-make-reviewer" disabled={busy || !hasWallet} onClick={() => void makeMeReviewer()}>
            Make me reviewer on this local network
          </button>
        )}
      </div>
      <p className="hint">
        This is the operator&apos;s action on your own devnet: this workstation started the local network and holds its operator key, so it can grant your wallet the
        reviewer role. On a real hub only its operator can. Reviewers download disputed items below under <b>Review disputes</b>, never ones they labeled themselves.
      </p>
      {note && <div className="stat">{note}</div>}
      {error && (
        <div className="error-box" data-testid="devnet-reviewer-error">
          {error}
        </div>
      )}
    </section>
  );
}
