import { describe, expect, it } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { visibleImageRect } from './cameraMath';
import { createShapeIndex } from './visibleShapes';

const box = (id: string, x: number, y: number): Shape => ({
  id, projectId: 'p', itemId: 'i', kind: 'box', classId: 'c', box: { x, y, w: 10, h: 10 }, attributes: {}, source: { kind: 'human' }, author: 'a', createdAt: 0, updatedAt: 0, version: 1,
});

describe('viewport culling', () => {
  it('the visible rect inverts the camera', () => {
    expect(visibleImageRect({ x: -200, y: -100, zoom: 2 }, { width: 800, height: 600 })).toEqual({ x: 100, y: 50, w: 400, h: 300 });
  });

  it('returns only the shapes the viewport meets', () => {
    const index = createShapeIndex([box('in', 150, 60), box('edge', 495, 345), box('out', 900, 900)]);
    const ids = index.query(visibleImageRect({ x: -200, y: -100, zoom: 2 }, { width: 800, height: 600 })).map((s) => s.id);
    expect(ids.sort()).toEqual(['edge', 'in']);
  });
});
