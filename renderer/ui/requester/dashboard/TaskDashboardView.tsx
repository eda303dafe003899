import { useEffect } from 'react';
import type { TaskDashboard } from '../../../../electron/common/services/requesterService';
import { FundTaskPanel } from '../../network/FundTaskPanel';
import { AnnotatorsTable, ReviewersTable } from './ContributorsTables';
import { DashboardFigures } from './DashboardFigures';
import { ExportPanel } from './ExportPanel';
import { useTaskDashboard } from './useTaskDashboard';

/**
 * One task's dashboard: its figures (read again every ~10 s while open, and
 * on Refresh), who contributed what, the pool's funding and closing, and the
 * dataset download. `reread` changes when the task is opened again from the
 * list, which reads it at once. `onRead` is given each new reading, so the
 * list's row shows the same counts as the dashboard without reading again.
 */
export function TaskDashboardView({
  hubUrl,
  taskId,
  hasWallet,
  reread,
  onClose,
  onRead,
}: {
  hubUrl: string;
  taskId: string;
  hasWallet: boolean;
  reread: number;
  onClose: () => void;
  onRead?: (dashboard: TaskDashboard) => void;
}) {
  const { dashboard, error, loading, refresh } = useTaskDashboard(hubUrl, taskId);
  useEffect(() => {
    if (dashboard) onRead?.(dashboard);
  }, [dashboard, onRead]);
  useEffect(() => {
    if (reread > 0) void refresh();
  }, [reread, refresh]);

  return (
    <div className="card stack" data-testid="task-dashboard" data-task-id={taskId}>
      <div className="row">
        <h2 className="grow">{dashboard?.progress.title ?? taskId}</h2>
        <span className="stat" data-testid="dashboard-read-at">
          {loading ? 'reading…' : dashboard ? `as of ${new Date(dashboard.readAt).toLocaleTimeString()}` : ''}
        </span>
        <button className="btn" data-testid="dashboard-refresh" disabled={loading} onClick={() => void refresh()}>
          Refresh
        </button>
        <button className="btn" data-testid="dashboard-close" onClick={onClose}>
          Close
        </button>
      </div>
      <code className="hint">{taskId}</code>
      {error && (
        <div className="error-box" data-testid="dashboard-error">
          {error}
        </div>
      )}
      {dashboard && (
        <>
          <DashboardFigures dashboard={dashboard} />
          <AnnotatorsTable dashboard={dashboard} />
          <ReviewersTable dashboard={dashboard} />
        </>
      )}
      <FundTaskPanel hubUrl={hubUrl} hasWallet={hasWallet} taskId={taskId} />
      <ExportPanel hubUrl={hubUrl} taskId={taskId} />
    </div>
  );
}
