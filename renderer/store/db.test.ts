import { describe, expect, it } from 'vitest';
import { GroundworkDb, schemaVersions } from './db';
import { freshDbName, boxShape } from './testing/fixtures';
import type { ItemRecord } from './records';
import { bucketRecord } from './shapeRows';

describe('GroundworkDb schema versions', () => {
  it('upgrades a v1 database: items get shape counts backfilled and the relPath index', async () => {
    const name = freshDbName();
    const v1 = new GroundworkDb(name, schemaVersions.filter((v) => v.version === 1));
    await v1.open();
    expect(v1.verno).toBe(1);
    const item = { id: 'i1', projectId: 'p1', kind: 'image', relPath: 'a.jpg', width: 10, height: 10, sha256: '0'.repeat(64), phash: '0'.repeat(16), status: 'new', order: 0 };
    await v1.items.bulkAdd([item, { ...item, id: 'i2', relPath: 'b.jpg', order: 1 }] as ItemRecord[]);
    await v1.shapeBuckets.bulkPut([bucketRecord('i1', 'p1', 0, [boxShape('p1', 'i1', 's1', 1)]), bucketRecord('i1', 'p1', 1, [boxShape('p1', 'i1', 's2', 2)])]);
    v1.close();

    const current = new GroundworkDb(name);
    await current.open();
    expect(current.verno).toBe(schemaVersions.at(-1)!.version);
    const rows = await current.items.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.shapeCount])).toEqual([['i1', 2], ['i2', 0]]);
    expect((await current.items.where('[projectId+relPath]').equals(['p1', 'b.jpg']).first())?.id).toBe('i2');
    current.close();
  });
});
