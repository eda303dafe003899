import type { Shape } from '../../../core/model/shape';
import type { AssignedItem } from '../../../electron/common/services/hubService';
import type { LabelStore } from '../../store/labelStore';
import { boxShape, intakeRows, twoClassSchema } from '../../store/testing/fixtures';
import { saveHubTask } from '../hubTasks';

export const HUB_URL = 'http://127.0.0.1:9';

/** A project downloaded from a (pretend) hub task: n items, each matched to hub item `hub-<i>` by sha256. */
export async function downloadedProject(store: LabelStore, n: number, taskId = 'task-1') {
  const project = await store.createProject('Hub task', 'root-1', '/hub/task-1', twoClassSchema);
  const rows = intakeRows(n);
  const items = await store.addItems(project.id, rows);
  const assigned: AssignedItem[] = rows.map((r, i) => ({ itemId: `hub-${i}`, sha256: r.sha256, fileName: r.relPath, width: r.width, height: r.height }));
  await saveHubTask(store.db, {
    hubUrl: HUB_URL,
    taskId,
    projectId: project.id,
    title: 'Hub task',
    task: { task: { taskId, title: 'Hub task', labelSchema: twoClassSchema, redundancy: 2, rewardPerItem: '1000' }, items: assigned, rootId: 'root-1' },
    downloadedAt: 1,
  });
  return { project, items };
}

/** Labels item i with one box and marks it done. */
export async function labelDone(store: LabelStore, projectId: string, itemId: string, extra: Partial<Shape> = {}): Promise<void> {
  await store.importShapes(projectId, [{ ...boxShape(projectId, itemId, `s-${itemId}`, 10.004), ...extra }]);
  await store.setItemStatus(itemId, 'done');
}
