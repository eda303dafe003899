import type { Shape } from '../../core/model/shape';
import { ShapeSchema } from '../../core/model/shape';
import type { GroundworkDb } from './db';
import { describeIssues, StoreError } from './errors';
import type { ExternalChange } from './externalChange';
import { readItemShapes, writeItemShapes } from './shapeRows';
import { readProjectRow } from './projectRows';
import { counterTablesOf, restateItemCounts } from './prelabelCounterRows';

export interface ImportOptions {
  /** Remove the existing shapes of every item the import touches first. */
  replace?: boolean;
}

function validated(projectId: string, input: readonly Shape[]): Map<string, Shape[]> {
  const byItem = new Map<string, Shape[]>();
  const seen = new Set<string>();
  input.forEach((raw, i) => {
    const parsed = ShapeSchema.safeParse(raw);
    if (!parsed.success) throw new StoreError(describeIssues(`importShapes: shape ${i}`, parsed.error.issues));
    const shape = parsed.data;
    if (shape.projectId !== projectId) throw new StoreError(`importShapes: shape ${i} (${shape.id}) belongs to project ${shape.projectId}, not ${projectId}`);
    if (seen.has(shape.id)) throw new StoreError(`importShapes: shape ${i} repeats id ${shape.id}`);
    seen.add(shape.id);
    const list = byItem.get(shape.itemId);
    if (list) list.push(shape);
    else byItem.set(shape.itemId, [shape]);
  });
  return byItem;
}

/**
 * Validates every shape, then writes all of them in ONE transaction (all or
 * nothing); imports are not user edits, so they never enter undo history.
 * Returns the change made to each touched item.
 */
export async function importShapesTx(db: GroundworkDb, projectId: string, input: readonly Shape[], options: ImportOptions): Promise<Map<string, ExternalChange>> {
  const byItem = validated(projectId, input);
  return db.transaction('rw', [db.items, db.shapeBuckets, ...counterTablesOf(db)], async () => {
    const project = readProjectRow(await db.projects.get(projectId));
    if (!project) throw new StoreError(`importShapes: project ${projectId} does not exist`);
    const classIds = new Set(project.labelSchema.classes.map((c) => c.id));
    const badClass = input.findIndex((s) => !classIds.has(s.classId));
    if (badClass >= 0) throw new StoreError(`importShapes: shape ${badClass} uses class ${input[badClass]!.classId}, which is not in the project's schema`);
    const itemIds = [...byItem.keys()];
    const items = await db.items.bulkGet(itemIds);
    const missing = items.findIndex((it) => !it || it.projectId !== projectId);
    if (missing >= 0) throw new StoreError(`importShapes: item ${itemIds[missing]} is not in project ${projectId}`);

    const changes = new Map<string, ExternalChange>();
    const stored = new Map<string, Shape[]>();
    for (const itemId of itemIds) {
      const incoming = byItem.get(itemId)!;
      const incomingIds = new Set(incoming.map((s) => s.id));
      const existing = await readItemShapes(db, itemId);
      const kept = options.replace ? [] : existing.shapes.filter((s) => !incomingIds.has(s.id));
      const shapes = [...kept, ...incoming];
      const bucketCount = await writeItemShapes(db, itemId, projectId, shapes, existing.bucketCount);
      await db.items.update(itemId, { shapeCount: shapes.length });
      const remove = options.replace ? existing.shapes.filter((s) => !incomingIds.has(s.id)).map((s) => s.id) : [];
      changes.set(itemId, { change: { put: incoming, remove }, bucketCount });
      stored.set(itemId, shapes);
    }
    const counted = await restateItemCounts(db, projectId, stored, project.labelSchema);
    for (const [itemId, summary] of counted) changes.get(itemId)!.counted = summary;
    return changes;
  });
}
