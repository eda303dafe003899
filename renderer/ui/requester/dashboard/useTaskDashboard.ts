import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskDashboard } from '../../../../electron/common/services/requesterService';
import { useHost } from '../../../platform/HostContext';
import { errorText } from '../../network/errorText';

/** How often an open dashboard reads the task again. */
export const DASHBOARD_REFRESH_MS = 10_000;

/**
 * One task's dashboard, read on open, on `refresh()` and every ~10 s while it
 * stays open. A failed read keeps the last figures on screen with the error
 * in words; one read at a time (a slow hub never piles requests up).
 */
export function useTaskDashboard(hubUrl: string, taskId: string) {
  const host = useHost();
  const [dashboard, setDashboard] = useState<TaskDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const next = await host.requester.taskProgress({ hubUrl, taskId });
      setDashboard(next.progress.taskId === taskId ? next : null);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [host, hubUrl, taskId]);

  useEffect(() => {
    setDashboard(null);
    void refresh();
    const timer = setInterval(() => void refresh(), DASHBOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { dashboard, error, loading, refresh };
}
