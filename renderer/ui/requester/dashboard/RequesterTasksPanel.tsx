import { useCallback, useEffect, useState } from 'react';
import type { HubInfo } from '../../../../electron/common/services/hubService';
import type { MyTasks, TaskDashboard } from '../../../../electron/common/services/requesterService';
import { useHost } from '../../../platform/HostContext';
import { errorText } from '../../network/errorText';
import { TaskDashboardView } from './TaskDashboardView';
import { plural } from '../../words/plural';

/**
 * "My tasks": the tasks the signed-in wallet requested on the selected hub,
 * shown when the hub gives it the requester role or it has tasks there.
 * Opening one shows its dashboard below the list (the list stays, so another
 * task is one click away). `onOpenChange` tells the network view a dashboard
 * is open: its own fund panel then steps aside for the dashboard's. Each
 * reading of the open dashboard also updates that task's row (items, open
 * items), so the two never disagree; the rest of the list is read on Refresh.
 */
export function RequesterTasksPanel({ hub, hasWallet, onOpenChange }: { hub: HubInfo | null; hasWallet: boolean; onOpenChange: (open: boolean) => void }) {
  const host = useHost();
  const [mine, setMine] = useState<MyTasks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [opened, setOpened] = useState(0);
  const hubUrl = hub?.hubUrl ?? null;
  const signedIn = hub?.signedInAs ?? null;

  const load = useCallback(async () => {
    if (!hubUrl || !signedIn) return;
    try {
      setMine(await host.requester.myTasks({ hubUrl }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [host, hubUrl, signedIn]);

  useEffect(() => {
    setMine(null);
    setOpenTask(null);
    void load();
  }, [load]);

  useEffect(() => onOpenChange(openTask !== null), [openTask, onOpenChange]);

  // The dashboard's reading is newer than the list's: its counts replace the row's.
  const onDashboardRead = useCallback((d: TaskDashboard) => {
    const { taskId, itemCount, items } = d.progress;
    setMine((m) => m && { ...m, tasks: m.tasks.map((t) => (t.taskId === taskId ? { ...t, itemCount, openItems: items.open } : t)) });
  }, []);

  if (!hubUrl || !signedIn || !hasWallet) return null;
  if (!error && (!mine || (!mine.isRequester && mine.tasks.length === 0))) return null;

  const open = (taskId: string) => {
    setOpenTask(taskId);
    // Opening a task again (or another) reads it again at once.
    setOpened((n) => n + 1);
  };

  return (
    <section className="card stack" data-testid="requester-tasks">
      <div className="row">
        <h2 className="grow">My tasks</h2>
        <button className="btn" data-testid="requester-tasks-refresh" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {mine && mine.tasks.length === 0 && <p className="hint">No task published from {mine.account} on this hub yet.</p>}
      {mine && mine.tasks.length > 0 && (
        <div className="stack">
          {mine.tasks.map((t) => (
            <button
              key={t.taskId}
              type="button"
              className={`btn task-row${openTask === t.taskId ? ' primary' : ''}`}
              data-testid="requester-task"
              data-task-id={t.taskId}
              aria-pressed={openTask === t.taskId}
              onClick={() => open(t.taskId)}
            >
              {t.title} · {plural(t.itemCount, 'item')} · k = {t.redundancy}
              {t.openItems !== undefined ? ` · ${t.openItems} open` : ''}
            </button>
          ))}
        </div>
      )}
      {error && (
        <div className="error-box" data-testid="requester-tasks-error">
          {error}
        </div>
      )}
      {openTask && <TaskDashboardView key={openTask} hubUrl={hubUrl} taskId={openTask} hasWallet={hasWallet} reread={opened} onClose={() => setOpenTask(null)} onRead={onDashboardRead} />}
    </section>
  );
}
