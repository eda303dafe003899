import type { LabelSchema } from '../../core/model/labelSchema';
import { defaultAttributes, LabelSchemaSchema } from '../../core/model/labelSchema';
import type { Project } from '../../core/model/project';
import type { GroundworkDb } from './db';
import { ClassInUseError, describeIssues, StoreError, type ClassUsage } from './errors';
import type { ShapeChange } from '../document/shapeChange';
import type { ExternalChange } from './externalChange';
import { bucketRecord, readItemShapes, shapesOfRow } from './shapeRows';
import { counterTablesOf, restateItemCounts } from './prelabelCounterRows';
import type { Shape } from '../../core/model/shape';
import { readProjectRow } from './projectRows';

/** What to do with the shapes of a class the new schema drops. */
export type RemovedClassAction = { remapTo: string } | 'delete';

export interface SchemaUpdateOptions {
  removedClasses?: Record<string, RemovedClassAction>;
}

/**
 * Validates `schema`, refuses to orphan shapes, and applies remaps/deletions
 * together with the schema in one transaction. Returns the change made to
 * each touched item so open documents can follow.
 */
export async function updateLabelSchemaTx(
  db: GroundworkDb,
  projectId: string,
  input: LabelSchema,
  options: SchemaUpdateOptions,
  now: number,
): Promise<{ project: Project; changes: Map<string, ExternalChange> }> {
  const parsed = LabelSchemaSchema.safeParse(input);
  if (!parsed.success) throw new StoreError(describeIssues('label schema is invalid', parsed.error.issues));
  const schema = parsed.data;
  const removed = options.removedClasses ?? {};
  const kept = new Set(schema.classes.map((c) => c.id));
  for (const [classId, action] of Object.entries(removed)) {
    if (kept.has(classId)) throw new StoreError(`removedClasses.${classId}: the class is still in the new schema`);
    if (action !== 'delete' && !kept.has(action.remapTo)) throw new StoreError(`removedClasses.${classId}.remapTo: class "${action.remapTo}" is not in the new schema`);
  }

  return db.transaction('rw', [db.shapeBuckets, db.items, ...counterTablesOf(db)], async () => {
    const project = readProjectRow(await db.projects.get(projectId));
    if (!project) throw new StoreError(`project ${projectId} does not exist`);
    const dropped = project.labelSchema.classes.filter((c) => !kept.has(c.id));
    const rows = dropped.length ? await db.shapeBuckets.where('classIds').anyOf(dropped.map((c) => c.id)).distinct().toArray() : [];
    const unresolved: ClassUsage[] = [];
    for (const cls of dropped) {
      if (removed[cls.id]) continue;
      const count = rows.reduce((n, r) => n + shapesOfRow(r).filter((s) => s.classId === cls.id).length, 0);
      if (count > 0) unresolved.push({ classId: cls.id, name: cls.name, count });
    }
    if (unresolved.length) throw new ClassInUseError(unresolved);

    const changes = new Map<string, ShapeChange>();
    for (const row of rows) {
      const change = changes.get(row.itemId) ?? { put: [], remove: [] };
      const shapes = shapesOfRow(row).flatMap((s) => {
        const action = removed[s.classId];
        if (!action) return [s];
        if (action === 'delete') {
          change.remove.push(s.id);
          return [];
        }
        // The old class's attributes mean nothing to the new class: start from its defaults.
        const target = schema.classes.find((c) => c.id === action.remapTo)!;
        const remapped = { ...s, classId: action.remapTo, attributes: defaultAttributes(target), version: s.version + 1, updatedAt: now };
        change.put.push(remapped);
        return [remapped];
      });
      await db.shapeBuckets.put(bucketRecord(row.itemId, row.projectId, row.bucket, shapes));
      changes.set(row.itemId, change);
    }
    for (const [itemId, change] of changes) {
      if (change.remove.length) await db.items.where('id').equals(itemId).modify((item) => void (item.shapeCount = (item.shapeCount ?? 0) - change.remove.length));
    }
    const updated: Project = { ...project, labelSchema: schema, updatedAt: now };
    await db.projects.put(updated);
    // Remapped or deleted boxes change their items' counts; new class names can change what a model maps to.
    const stored = new Map<string, Shape[]>();
    for (const itemId of changes.keys()) stored.set(itemId, (await readItemShapes(db, itemId)).shapes);
    const counted = await restateItemCounts(db, projectId, stored, schema);
    return { project: updated, changes: new Map([...changes].map(([itemId, change]) => [itemId, { change, counted: counted.get(itemId) }])) };
  });
}
