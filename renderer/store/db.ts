import Dexie, { type Table, type Transaction } from 'dexie';
import type { Project } from '../../core/model/project';
import type { PrelabelRun } from '../../core/prelabel/types';
import type { FrameTag, Track } from '../../core/model/track';
import type { HistoryRecord, ItemRecord, PrelabelJobRecord, SegmentsRecord, SettingRecord, ShapeBucketRecord } from './records';
import type { DisputeRecord, HubTaskRecord, OutboxRecord } from './syncRecords';
import type { PrelabelItemCountsRow, PrelabelTotalsRow } from '../../core/prelabel/counterRecords';
import { recountCounters, type CounterTables } from './prelabelCounterRows';

export const DEFAULT_DB_NAME = 'groundwork';

/**
 * Every released schema, oldest first. Never edit a released entry: add a new
 * one with the full `stores` map and, when rows must change, an `upgrade`.
 * (Dexie keeps indexes of earlier versions unless a later one drops them.)
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      projects: 'id, updatedAt',
      items: 'id, projectId, [projectId+order], [projectId+status]',
      shapeBuckets: '[itemId+bucket], itemId, projectId, *classIds',
      history: '[itemId+seq], itemId, projectId',
      settings: 'key',
    },
  },
  {
    // v2: the item list shows shape counts without loading shapes, and intake skips known paths by index.
    version: 2,
    stores: {
      items: 'id, projectId, [projectId+order], [projectId+status], [projectId+relPath]',
    },
    upgrade: async (tx) => {
      const counts = new Map<string, number>();
      await tx.table<ShapeBucketRecord>('shapeBuckets').each((row) => counts.set(row.itemId, (counts.get(row.itemId) ?? 0) + row.shapes.length));
      await tx.table<ItemRecord>('items').toCollection().modify((item) => {
        item.shapeCount = counts.get(item.id) ?? 0;
      });
    },
  },
  {
    // v3: model pre-labels — one run record per (run, item), and the background jobs this renderer started,
    // so it can resume them and catch up on their results after a restart. New tables only: nothing to rewrite.
    version: 3,
    stores: {
      prelabelRuns: '[runId+itemId], projectId, itemId, runId',
      prelabelJobs: 'jobId, projectId',
    },
  },
  {
    // v4: video — tracks (keyframes only), frame/range tags and each video's shot segments. New tables only.
    version: 4,
    stores: {
      tracks: 'id, itemId, projectId',
      frameTags: 'id, itemId, projectId',
      segments: 'itemId, projectId',
    },
  },
  {
    // v5: the network — signed-batch outbox (what sync uploads; never dropped) and tasks downloaded from hubs.
    version: 5,
    stores: {
      outbox: 'id, state, hubUrl, projectId, createdAt',
      hubTasks: '[hubUrl+taskId], hubUrl, projectId',
    },
  },
  {
    // v6: reviewer mode — disputed items downloaded for offline review, with the reviewer's draft. New table only.
    version: 6,
    stores: {
      disputes: '[hubUrl+itemId], hubUrl, taskId, state',
    },
  },
  {
    // v7: pre-label statistics as counters moved with every edit (prelabelCounterRows.ts): a totals row per project and a
    // counts row per item a run reached. Rows written before have none: one recount of each project, here.
    version: 7,
    stores: {
      prelabelTotals: 'projectId',
      prelabelItemCounts: 'itemId, projectId, *models',
    },
    upgrade: async (tx) => {
      const tables = {
        projects: tx.table('projects'),
        items: tx.table('items'),
        shapeBuckets: tx.table('shapeBuckets'),
        prelabelRuns: tx.table('prelabelRuns'),
        prelabelTotals: tx.table('prelabelTotals'),
        prelabelItemCounts: tx.table('prelabelItemCounts'),
      } as CounterTables;
      for (const projectId of (await tx.table('projects').toCollection().primaryKeys()) as string[]) {
        try {
          await recountCounters(tables, projectId);
        } catch {
          // A project this version cannot read keeps no counters; reading its statistics names the row at fault.
        }
      }
    },
  },
];

export class GroundworkDb extends Dexie {
  projects!: Table<Project, string>;
  items!: Table<ItemRecord, string>;
  shapeBuckets!: Table<ShapeBucketRecord, [string, number]>;
  history!: Table<HistoryRecord, [string, number]>;
  settings!: Table<SettingRecord, string>;
  prelabelRuns!: Table<PrelabelRun, [string, string]>;
  prelabelJobs!: Table<PrelabelJobRecord, string>;
  tracks!: Table<Track, string>;
  frameTags!: Table<FrameTag, string>;
  segments!: Table<SegmentsRecord, string>;
  outbox!: Table<OutboxRecord, string>;
  hubTasks!: Table<HubTaskRecord, [string, string]>;
  disputes!: Table<DisputeRecord, [string, string]>;
  prelabelTotals!: Table<PrelabelTotalsRow, string>;
  prelabelItemCounts!: Table<PrelabelItemCountsRow, string>;

  constructor(name = DEFAULT_DB_NAME, versions: readonly SchemaVersion[] = schemaVersions) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.projects = this.table('projects');
    this.items = this.table('items');
    this.shapeBuckets = this.table('shapeBuckets');
    this.history = this.table('history');
    this.settings = this.table('settings');
    // Tests open older versions alone; tables those do not declare stay unbound.
    const declared = (table: string) => versions.some((v) => table in v.stores);
    if (declared('prelabelRuns')) this.prelabelRuns = this.table('prelabelRuns');
    if (declared('prelabelJobs')) this.prelabelJobs = this.table('prelabelJobs');
    for (const table of ['tracks', 'frameTags', 'segments', 'outbox', 'hubTasks', 'disputes', 'prelabelTotals', 'prelabelItemCounts'] as const) {
      if (declared(table)) (this as Record<typeof table, unknown>)[table] = this.table(table);
    }
  }
}
