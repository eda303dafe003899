import { useEffect, useState } from 'react';
import { useHost } from '../platform/HostContext';
import type { HostStatus } from '../platform/connectHost';

/** Shows the host kind, and a warning while the browser host's connection is down (labels keep saving locally). */
export function ConnectionBadge() {
  const host = useHost();
  const [status, setStatus] = useState<HostStatus>('open');
  useEffect(() => host.onStatus(setStatus), [host]);
  if (status === 'open') return <span className="badge">{host.kind === 'electron' ? 'desktop' : 'browser host'}</span>;
  return (
    <span className="badge warn" title="Labels are still saved in this browser; host features (scan, export) wait for the connection.">
      host {status === 'connecting' ? 'reconnecting…' : 'disconnected'}
    </span>
  );
}
