import type { Shape } from '../../../core/model/shape';

/** Deterministic box shapes spread over a 1920x1080 image, like a dense detection scene. */
export function syntheticShapes(projectId: string, itemId: string, count: number, classIds: readonly string[]): Shape[] {
  const out: Shape[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    out.push({
      id: `${itemId}-s${i}`,
      projectId,
      itemId,
      kind: 'box',
      classId: classIds[i % classIds.length]!,
      box: { x: (i * 37) % 1800, y: (i * 53) % 1000, w: 20 + (i % 60), h: 15 + (i % 50) },
      attributes: {},
      source: { kind: 'human' },
      author: 'bench',
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }
  return out;
}
