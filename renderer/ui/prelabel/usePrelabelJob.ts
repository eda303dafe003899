import { useEffect, useState, useSyncExternalStore } from 'react';
import { useHost } from '../../platform/HostContext';
import { useStore } from '../StoreContext';
import { PrelabelJobController, type PrelabelJobView } from '../../prelabel/prelabelJobController';

/** One job controller per open project; on open it finds an unfinished job again (resume, catch up). */
export function usePrelabelJob(projectId: string, author: string): { controller: PrelabelJobController; view: PrelabelJobView | null; restoreError: string | null } {
  const host = useHost();
  const store = useStore();
  const [controller] = useState(() => new PrelabelJobController(host, store, projectId, author));
  const [restoreError, setRestoreError] = useState<string | null>(null);
  useEffect(() => {
    controller.restore().catch((e: unknown) => setRestoreError(e instanceof Error ? e.message : String(e)));
    return () => controller.dispose();
  }, [controller]);
  const view = useSyncExternalStore(controller.subscribe, controller.getView);
  return { controller, view, restoreError };
}
