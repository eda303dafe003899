import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useHost } from '../../platform/HostContext';
import { Outbox } from '../../sync/outbox';
import { SyncEngine, type SyncStatus } from '../../sync/syncEngine';
import type { OutboxRecord } from '../../store/syncRecords';
import { useStore } from '../StoreContext';
import { browserConnectivity } from './browserConnectivity';

interface SyncHandle {
  outbox: Outbox;
  engine: SyncEngine;
}

const SyncContext = createContext<SyncHandle | null>(null);

/** One outbox and one sync engine for the whole app: uploads continue whatever view is open. */
export function SyncProvider({ children }: { children: ReactNode }) {
  const store = useStore();
  const host = useHost();
  const [handle] = useState<SyncHandle>(() => {
    const outbox = new Outbox(store.db);
    return { outbox, engine: new SyncEngine({ outbox, transport: host.hub, connectivity: browserConnectivity }) };
  });
  useEffect(() => {
    void handle.engine.start();
    return () => void handle.engine.stop();
  }, [handle]);
  return <SyncContext.Provider value={handle}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncHandle {
  const handle = useContext(SyncContext);
  if (!handle) throw new Error('useSync() outside <SyncProvider>');
  return handle;
}

/** The outbox, newest first, re-read on every change. */
export function useOutboxRecords(): OutboxRecord[] {
  const { outbox } = useSync();
  const [records, setRecords] = useState<OutboxRecord[]>([]);
  useEffect(() => {
    let live = true;
    const refresh = () => void outbox.list().then((r) => live && setRecords(r));
    refresh();
    const off = outbox.subscribe(refresh);
    return () => {
      live = false;
      off();
    };
  }, [outbox]);
  return records;
}

export function useSyncStatus(): SyncStatus {
  const { engine } = useSync();
  const [status, setStatus] = useState(engine.status());
  useEffect(() => engine.onStatus(setStatus), [engine]);
  return status;
}
