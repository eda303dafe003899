import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Shape } from '../../../core/model/shape';
import type { IntakeItem } from '../labelStore';

/** Small shared fixtures for store tests and benches. */
export const twoClassSchema: LabelSchema = {
  classes: [
    { id: 'cat', name: 'cat', color: '#ff0000', attributes: [] },
    { id: 'dog', name: 'dog', color: '#00ff00', attributes: [{ id: 'occluded', name: 'occluded', type: 'checkbox', default: false }] },
  ],
};

export function intakeRows(n: number, prefix = 'img'): IntakeItem[] {
  return Array.from({ length: n }, (_, i) => ({
    relPath: `${prefix}${i}.jpg`,
    width: 640,
    height: 480,
    sha256: i.toString(16).padStart(64, '0'),
    phash: i.toString(16).padStart(16, '0'),
    bytes: 1000,
  }));
}

export function boxShape(projectId: string, itemId: string, id: string, x: number, classId = 'cat'): Shape {
  return {
    id,
    projectId,
    itemId,
    kind: 'box',
    classId,
    box: { x, y: 10, w: 50, h: 40 },
    attributes: {},
    source: { kind: 'human' },
    author: 'tester',
    createdAt: 1,
    updatedAt: 1,
    version: 1,
  };
}

let dbCounter = 0;
/** A fresh database name per test so tests never see each other's rows. */
export function freshDbName(): string {
  return `groundwork-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}
