import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { DocumentHistory } from './documentHistory';
import { RecordTable } from './recordTable';

const shape = (i: number, x = 0): Shape => ({
  id: `s${i}`, projectId: 'p', itemId: 'i', kind: 'box', classId: 'c', box: { x, y: 0, w: 5, h: 5 }, attributes: {}, source: { kind: 'human' }, author: 'a', createdAt: 1, updatedAt: 1, version: 1,
});

describe('RecordTable: changes cost what they touch', () => {
  it('replaces in place, appends new ids, drops removed ones (a remove wins over a put), and never changes rows handed out', () => {
    const table = new RecordTable([shape(1), shape(2), shape(3)]);
    const before = table.rows;
    expect(table.apply({ put: [shape(2, 9), shape(4), shape(5)], remove: ['s1', 's5'] })).toBe(true);
    expect(table.rows.map((s) => [s.id, s.box.x])).toEqual([['s2', 9], ['s3', 0], ['s4', 0]]);
    expect(before.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(before[1]!.box.x).toBe(0);
    expect(table.get('s1')).toBeUndefined();
    expect(table.apply({ put: [], remove: [] })).toBe(false);
  });
});

describe('DocumentHistory: an entry holds only the change', () => {
  it('a move among 5,000 shapes stores one shape each way and reads no other', () => {
    const shapes = Array.from({ length: 5000 }, (_, i) => shape(i));
    const doc = new DocumentHistory({ shape: shapes });
    const moved = { ...shape(1234, 77), version: 2 };
    const done = doc.commit({ put: [moved], remove: [] }, { label: 'Move box', at: 5 })!;
    expect(done.entry!.redo).toEqual({ shape: { put: [moved], remove: [] } });
    expect(done.entry!.undo).toEqual({ shape: { put: [shapes[1234]], remove: [] } });
    expect(doc.shapeById('s1234')).toBe(moved);
    expect(doc.shapeCount).toBe(5000);
    // The loaded array is the caller's: untouched, and the document's rows are a new array.
    expect(shapes[1234]!.box.x).toBe(0);
    expect(doc.shapes).not.toBe(shapes);
    expect(doc.shapes[1234]).toBe(moved);
    const undone = doc.undo(10)!;
    expect(undone.diff.shape!.put).toHaveLength(1);
    expect(doc.shapeById('s1234')).toMatchObject({ box: { x: 0 }, version: 3, updatedAt: 10 });
  });

  it('a delete and its undo keep the draw order of the other shapes', () => {
    const doc = new DocumentHistory({ shape: [shape(1), shape(2), shape(3)] });
    doc.commit({ put: [], remove: ['s2'] }, { label: 'Delete', at: 1 });
    expect(doc.shapes.map((s) => s.id)).toEqual(['s1', 's3']);
    doc.undo(2);
    // Undo puts the shape back as a new record: it is drawn last, as any new shape.
    expect(doc.shapes.map((s) => s.id)).toEqual(['s1', 's3', 's2']);
  });
});
