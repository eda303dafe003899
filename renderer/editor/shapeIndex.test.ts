import { describe, expect, it } from 'vitest';
import type { Box, Shape } from '../../core/model/shape';
import { ShapeIndex } from './shapeIndex';
import { testShape } from './testing/testEditor';
import { rng as random } from '../../core/consensus/video/testKit';

const meets = (a: Box, b: Box) => a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;

describe('ShapeIndex: one incremental index, the same answers as a scan of every shape', () => {
  it('agrees with a brute-force scan after random inserts, moves, resizes and removes', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rand = random(seed);
      const index = new ShapeIndex();
      const truth = new Map<string, Shape>();
      const randomBox = (): Box => ({ x: rand() * 2000 - 100, y: rand() * 1500 - 100, w: 1 + rand() * 300, h: 1 + rand() * 200 });
      let next = 0;
      for (let step = 0; step < 300; step++) {
        const ids = [...truth.keys()];
        const put: Shape[] = [];
        const remove: string[] = [];
        for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) {
          const r = rand();
          const id = ids[Math.floor(rand() * ids.length)];
          if (r < 0.4 || !id) put.push(testShape(`s${next++}`, randomBox()));
          else if (r < 0.6) put.push({ ...truth.get(id)!, box: { ...truth.get(id)!.box, x: truth.get(id)!.box.x + rand() * 400 - 200 } });
          else if (r < 0.8) put.push({ ...truth.get(id)!, box: { ...truth.get(id)!.box, w: 1 + rand() * 500, h: 1 + rand() * 50 } });
          else remove.push(id);
        }
        index.apply({ put, remove });
        for (const s of put) if (!remove.includes(s.id)) truth.set(s.id, s);
        for (const id of remove) truth.delete(id);

        expect(index.size).toBe(truth.size);
        const rect = randomBox();
        const expected = [...truth.values()].filter((s) => meets(s.box, rect)).map((s) => s.id).sort();
        expect(index.query(rect).map((s) => s.id).sort()).toEqual(expected);
        const p = { x: rand() * 2000, y: rand() * 1500 };
        const containing = [...truth.values()].filter((s) => p.x >= s.box.x && p.x <= s.box.x + s.box.w && p.y >= s.box.y && p.y <= s.box.y + s.box.h);
        const hit = index.hitTest(p.x, p.y, 0);
        if (containing.length === 0) expect(hit).toBeNull();
        else expect(truth.get(hit!)!.box.w * truth.get(hit!)!.box.h).toBe(Math.min(...containing.map((s) => s.box.w * s.box.h)));
        for (const s of put) expect(index.get(s.id)).toBe(truth.get(s.id));
      }
      // Draw order follows the committer's table: existing ids keep their place, new ones append.
      expect([...index.values()].map((s) => s.id)).toEqual([...truth.keys()]);
    }
  });

  it('tells the areas that changed since a version: the old and the new box of each shape', () => {
    const index = new ShapeIndex();
    index.resync([testShape('a', { x: 0, y: 0, w: 10, h: 10 }), testShape('b', { x: 50, y: 50, w: 10, h: 10 })]);
    const v = index.version;
    expect(index.changedSince(v)).toEqual([]);
    index.apply({ put: [testShape('a', { x: 100, y: 0, w: 10, h: 10 })], remove: ['b'] });
    expect(index.changedSince(v)).toEqual(expect.arrayContaining([{ x: 0, y: 0, w: 10, h: 10 }, { x: 100, y: 0, w: 10, h: 10 }, { x: 50, y: 50, w: 10, h: 10 }]));
    expect(index.changedSince(index.version)).toEqual([]);
    // Too far back (before a whole-list resync): the reader redraws everything.
    index.resync([testShape('c', { x: 1, y: 1, w: 1, h: 1 })]);
    expect(index.changedSince(v)).toBeNull();
    expect(index.query({ x: 0, y: 0, w: 5000, h: 5000 }).map((s) => s.id)).toEqual(['c']);
  });

  it('resync leaves the version alone when nothing changed', () => {
    const shapes = [testShape('a', { x: 0, y: 0, w: 10, h: 10 })];
    const index = new ShapeIndex();
    index.resync(shapes);
    const v = index.version;
    index.resync([...shapes]);
    expect(index.version).toBe(v);
  });
});
