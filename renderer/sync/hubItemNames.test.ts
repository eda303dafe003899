import { describe, expect, it } from 'vitest';
import { intakeRows, twoClassSchema } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { itemDisplayName, nameHubItems } from './hubItemNames';

const sha = '3f2a' + '0'.repeat(56) + '9c1d';

describe('itemDisplayName', () => {
  it('shows the display name, else the path, else a short hash for a file named by its hash', () => {
    expect(itemDisplayName({ relPath: `${sha}.jpg`, displayName: 'street/cat 01.jpg' })).toBe('street/cat 01.jpg');
    expect(itemDisplayName({ relPath: 'photos/a.jpg' })).toBe('photos/a.jpg');
    expect(itemDisplayName({ relPath: `${sha}.jpg` })).toBe('3f2a…9c1d.jpg');
    expect(itemDisplayName({ relPath: sha })).toBe('3f2a…9c1d');
  });
});

describe('nameHubItems', () => {
  const { openStore } = testStores();

  it('names items by sha256 with the cleaned file name and leaves other items and the files alone', async () => {
    const store = await openStore();
    const project = await store.createProject('Hub task', 'root-1', '/hub/task-1', twoClassSchema);
    const rows = intakeRows(3);
    await store.addItems(project.id, rows);
    const renamed = await nameHubItems(store.db, project.id, [
      { sha256: rows[0]!.sha256, fileName: 'cat.jpg' },
      // A hostile hub: a bidi override to make "gpj.exe" read as "exe.jpg", a newline.
      { sha256: rows[1]!.sha256, fileName: 'x\u202Egpj.exe\nnext' },
    ]);
    expect(renamed).toBe(2);
    const items = await store.listItems(project.id);
    expect(items.map((i) => i.displayName)).toEqual(['cat.jpg', 'xgpj.exe next', undefined]);
    expect(items.map((i) => i.relPath)).toEqual(rows.map((r) => r.relPath));
    expect(await nameHubItems(store.db, project.id, [{ sha256: rows[0]!.sha256, fileName: 'cat.jpg' }])).toBe(0);
  });
});
