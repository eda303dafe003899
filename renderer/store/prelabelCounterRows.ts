import type { Table } from 'dexie';
import { counterRecordTypes, type PrelabelItemCountsRow, type PrelabelTotalsRow } from '../../core/prelabel/counterRecords';
import { EMPTY_ITEM_SUMMARY, summarizeItem, type ItemPrelabelSummary } from '../../core/prelabel/itemTally';
import { runsByItem } from '../../core/prelabel/reviewState';
import { addRunToSources, moveItem, recountTotals, rescope, rescopedModels, type ProjectPrelabelTotals } from '../../core/prelabel/projectTally';
import type { PrelabelRun } from '../../core/prelabel/types';
import type { LabelSchema } from '../../core/model/labelSchema';
import type { Shape } from '../../core/model/shape';
import { stamp } from '../../core/model/recordTypes';
import type { GroundworkDb } from './db';
import type { CounterChange } from './itemCounters';
import type { ItemRecord } from './records';
import { readProjectRow } from './projectRows';
import { readProjectShapes } from './shapeRows';
import { readStoredBatch } from './storedRecords';

/**
 * The stored pre-label counters (core/prelabel/projectTally.ts): one totals
 * row per project and one counts row per item a successful run reached. Every
 * change of shapes or runs moves them in the SAME transaction as its rows, so
 * they cannot drift; `recountCounters` rebuilds them from the rows (the
 * upgrade of an old database, and the repair).
 */
export interface CounterTables {
  projects: GroundworkDb['projects'];
  items: Table<ItemRecord, string>;
  shapeBuckets: GroundworkDb['shapeBuckets'];
  prelabelRuns: GroundworkDb['prelabelRuns'];
  prelabelTotals: Table<PrelabelTotalsRow, string>;
  prelabelItemCounts: Table<PrelabelItemCountsRow, string>;
}

/** The tables a transaction that moves counters must include (besides the ones it writes anyway). */
export const counterTablesOf = (db: GroundworkDb) => [db.prelabelTotals, db.prelabelItemCounts, db.prelabelRuns, db.projects];

/** The totals as stored, through their migrator; null when the project has none yet. Throws UnreadableRecordError for a damaged or newer row. */
export function readTotalsRow(row: PrelabelTotalsRow | undefined): ProjectPrelabelTotals | null {
  if (!row) return null;
  const read = readStoredBatch(counterRecordTypes.prelabelTotals, row, [row], `pre-label counters of project ${row.projectId}`)[0]!;
  return { scopeSources: read.scopeSources, scopes: read.scopes, rows: read.rows };
}

export function readItemCountsRow(row: PrelabelItemCountsRow | undefined): ItemPrelabelSummary {
  if (!row) return EMPTY_ITEM_SUMMARY;
  const read = readStoredBatch(counterRecordTypes.prelabelItemCounts, row, [row], `pre-label counts of item ${row.itemId}`)[0]!;
  return { models: read.models, predictions: read.predictions, human: read.human };
}

function totalsRow(projectId: string, totals: ProjectPrelabelTotals): PrelabelTotalsRow {
  return stamp(counterRecordTypes.prelabelTotals, { projectId, scopeSources: totals.scopeSources, scopes: totals.scopes, rows: totals.rows });
}

async function putItemCounts(t: Pick<CounterTables, 'prelabelItemCounts'>, projectId: string, itemId: string, summary: ItemPrelabelSummary): Promise<void> {
  if (summary.models.length === 0) await t.prelabelItemCounts.delete(itemId);
  else await t.prelabelItemCounts.put(stamp(counterRecordTypes.prelabelItemCounts, { itemId, projectId, ...summary }));
}

/** A new project counts nothing yet: its totals row says so (a project without one is recounted when read). */
export function putEmptyTotals(db: GroundworkDb, projectId: string): Promise<string> {
  return db.prelabelTotals.put(totalsRow(projectId, { scopeSources: {}, scopes: {}, rows: {} }));
}

/** The totals a write moves; null when missing or unreadable: the write then leaves them to a recount (edits are never refused for them). */
async function totalsToMove(db: GroundworkDb, projectId: string): Promise<ProjectPrelabelTotals | null> {
  try {
    return readTotalsRow(await db.prelabelTotals.get(projectId));
  } catch {
    return null;
  }
}

/**
 * Inside a rw transaction over counterTablesOf: stores the change's runs and
 * moves the item's counts from `before` to `after`. A run that widens a
 * model's class scope recounts "missed" on that model's items (from their
 * counts rows, not their shapes). Returns false, writing only the runs, when
 * the project's totals are missing or unreadable: they are recounted from the
 * rows when next read.
 */
export async function moveItemCounts(db: GroundworkDb, projectId: string, itemId: string, change: CounterChange): Promise<boolean> {
  if (change.runs.length > 0) await db.prelabelRuns.bulkPut(change.runs);
  const totals = await totalsToMove(db, projectId);
  if (!totals) return false;
  moveItem(totals, change.before, change.after);
  await putItemCounts(db, projectId, itemId, change.after);
  let grew = false;
  for (const run of change.runs) grew = addRunToSources(totals, run) || grew;
  if (grew) {
    const project = readProjectRow(await db.projects.get(projectId));
    if (project) await rescopeTx(db, projectId, totals, project.labelSchema);
  }
  await db.prelabelTotals.put(totalsRow(projectId, totals));
  return true;
}

/** Recounts "missed" of the models whose class scope `schema` changes, from the counts rows of their items. */
async function rescopeTx(db: Pick<CounterTables, 'prelabelItemCounts'>, projectId: string, totals: ProjectPrelabelTotals, schema: LabelSchema): Promise<void> {
  const models = rescopedModels(totals, schema);
  if (models.length === 0) return;
  const rows = await db.prelabelItemCounts.where('models').anyOf(models).distinct().toArray();
  rescope(totals, schema, rows.filter((r) => r.projectId === projectId).map(readItemCountsRow));
}

/**
 * Inside a rw transaction over counterTablesOf, after the store rewrote the
 * rows of some items itself (import, class remap/delete): their counts from
 * their shapes as now stored, and the scopes under `schema` (a schema change
 * can map a model's class names differently). Returns each item's summary as
 * stored, for its open document; nothing when the totals need a recount.
 */
export async function restateItemCounts(
  db: GroundworkDb,
  projectId: string,
  shapesByItem: ReadonlyMap<string, readonly Shape[]>,
  schema: LabelSchema,
): Promise<Map<string, ItemPrelabelSummary>> {
  const out = new Map<string, ItemPrelabelSummary>();
  const totals = await totalsToMove(db, projectId);
  if (!totals) return out;
  await rescopeTx(db, projectId, totals, schema);
  // Two reads for all items (an import touches thousands); only items a run reached have counts to write.
  const itemIds = [...shapesByItem.keys()];
  const runsOf = runsByItem(await db.prelabelRuns.where('itemId').anyOf(itemIds).toArray());
  const counted = await db.prelabelItemCounts.bulkGet(itemIds);
  const changed: PrelabelItemCountsRow[] = [];
  const emptied: string[] = [];
  itemIds.forEach((itemId, i) => {
    const runs = runsOf.get(itemId);
    const before = readItemCountsRow(counted[i]);
    const after = runs ? summarizeItem(runs, shapesByItem.get(itemId)!) : EMPTY_ITEM_SUMMARY;
    out.set(itemId, after);
    if (before.models.length === 0 && after.models.length === 0) return;
    moveItem(totals, before, after);
    if (after.models.length > 0) changed.push(stamp(counterRecordTypes.prelabelItemCounts, { itemId, projectId, ...after }));
    else emptied.push(itemId);
  });
  await db.prelabelItemCounts.bulkPut(changed);
  await db.prelabelItemCounts.bulkDelete(emptied);
  await db.prelabelTotals.put(totalsRow(projectId, totals));
  return out;
}

/**
 * Rebuilds a project's counters from its rows (the old code's full recount):
 * the upgrade of a database from before counters and the repair. Returns every
 * item's summary as now stored. A project that cannot be read is left alone.
 */
export async function recountCounters(t: CounterTables, projectId: string): Promise<Map<string, ItemPrelabelSummary> | null> {
  const project = readProjectRow(await t.projects.get(projectId));
  if (!project) return null;
  const [items, runs, shapesByItem] = await Promise.all([
    t.items.where('projectId').equals(projectId).toArray(),
    t.prelabelRuns.where('projectId').equals(projectId).toArray(),
    readProjectShapes(t, projectId),
  ]);
  const { totals, summaries } = recountTotals({ schema: project.labelSchema, runs: runs as PrelabelRun[], items, shapesByItem });
  await t.prelabelItemCounts.where('projectId').equals(projectId).delete();
  await t.prelabelItemCounts.bulkPut(
    [...summaries].filter(([, s]) => s.models.length > 0).map(([itemId, s]) => stamp(counterRecordTypes.prelabelItemCounts, { itemId, projectId, ...s })),
  );
  await t.prelabelTotals.put(totalsRow(projectId, totals));
  return summaries;
}
