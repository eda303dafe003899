import { useEffect, useState } from 'react';
import { connectHost, type Host } from './platform/connectHost';
import { HostProvider } from './platform/HostContext';
import { openLabelStore, type LabelStore } from './store/labelStore';
import { HostErrorPage } from './ui/HostErrorPage';
import { StoreProvider } from './ui/StoreContext';
import { Workspace } from './ui/Workspace';

type Boot = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; host: Host; store: LabelStore };

/** Connects to the host and opens the label store, then hands over to the workspace. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([connectHost(), openLabelStore()]).then(
      ([host, store]) => live && setBoot({ state: 'ready', host, store }),
      (error: unknown) => live && setBoot({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (boot.state === 'loading') return <div className="full-page-message hint">Connecting to the Groundwork host…</div>;
  if (boot.state === 'failed') return <HostErrorPage error={boot.error} />;
  return (
    <HostProvider value={boot.host}>
      <StoreProvider value={boot.store}>
        <Workspace />
      </StoreProvider>
    </HostProvider>
  );
}
