import { afterEach } from 'vitest';
import { openLabelStore, type LabelStore } from '../labelStore';
import { freshDbName, intakeRows, twoClassSchema } from './fixtures';

/**
 * For store tests: stores opened through this are closed after each test,
 * and `projectWithItems` gives a fresh database with one project of n items.
 */
export function testStores() {
  const open: LabelStore[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  async function openStore(name = freshDbName()): Promise<LabelStore> {
    const store = await openLabelStore({ name });
    open.push(store);
    return store;
  }
  async function projectWithItems(n: number, name = freshDbName()) {
    const store = await openStore(name);
    const project = await store.createProject('P', 'r', '/p', twoClassSchema);
    const items = await store.addItems(project.id, intakeRows(n));
    return { name, store, project, items };
  }
  return { openStore, projectWithItems };
}
