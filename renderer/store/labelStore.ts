import Dexie from 'dexie';
import type { Item, ItemStatus } from '../../core/model/item';
import { ItemStatusSchema } from '../../core/model/item';
import type { LabelSchema } from '../../core/model/labelSchema';
import type { Project } from '../../core/model/project';
import { ProjectSchema } from '../../core/model/project';
import type { Shape } from '../../core/model/shape';
import type { LabelDataset } from '../../core/formats/types';
import type { IntakeReport } from '../../electron/common/services/intake';
import { newId } from '../../core/util/ids';
import { GroundworkDb, DEFAULT_DB_NAME } from './db';
import { describeIssues, StoreError } from './errors';
import type { ItemRecord } from './records';
import { withDocumentsPaused } from './externalChange';
import { readItemShapes, readProjectShapes } from './shapeRows';
import { ItemDocument, type ItemDocumentOptions } from './itemDocument';
import { updateLabelSchemaTx, type SchemaUpdateOptions } from './labelSchemaUpdate';
import { importShapesTx, type ImportOptions } from './importShapes';
import { PrelabelRecords } from './prelabelRecords';
import { readVideoRows } from './videoRows';
import { itemRecordOf } from './intakeItem';
import { recordTypes } from '../../core/model/recordTypes';
import { readProjectRow, readProjectRows, type UnreadableProject } from './projectRows';
import { readHistoryRows } from './historyRows';
import { putEmptyTotals, readItemCountsRow } from './prelabelCounterRows';

/** Version of the document model (core/model) this store writes into Project.schemaVersion. */
export const MODEL_SCHEMA_VERSION = recordTypes.project.currentVersion;

export type ItemSummary = ItemRecord;
export type ProjectSummary = Project & { itemCount: number; doneCount: number };
export type IntakeItem = IntakeReport['accepted'][number];

export interface LabelStoreOptions {
  /** IndexedDB database name; tests use one per test. */
  name?: string;
  now?: () => number;
  /** Passed to every ItemDocument (write retry backoff). */
  retryDelays?: readonly number[];
}

export async function openLabelStore(options: LabelStoreOptions = {}): Promise<LabelStore> {
  const db = new GroundworkDb(options.name ?? DEFAULT_DB_NAME);
  await db.open();
  return new LabelStore(db, options);
}

/** Projects, items, shapes and settings; see README.md for the contract. */
export class LabelStore {
  private readonly docs = new Map<string, Promise<ItemDocument>>();
  /** openItem calls per item, so a borrowed document is not closed under someone who opened it meanwhile. */
  private readonly openCalls = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  /** Model pre-label runs and jobs (see prelabelRecords.ts). */
  readonly prelabel: PrelabelRecords;

  constructor(
    readonly db: GroundworkDb,
    private readonly options: LabelStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.prelabel = new PrelabelRecords(this, this.now);
  }

  /** Fires after any project or item change made through this store. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createProject(name: string, rootId: string, rootPath: string, labelSchema: LabelSchema): Promise<Project> {
    const now = this.now();
    const parsed = ProjectSchema.safeParse({ id: newId('prj_'), name, rootId, rootPath, labelSchema, createdAt: now, updatedAt: now, schemaVersion: MODEL_SCHEMA_VERSION });
    if (!parsed.success) throw new StoreError(describeIssues('createProject', parsed.error.issues));
    await this.db.transaction('rw', this.db.projects, this.db.prelabelTotals, async () => {
      await this.db.projects.add(parsed.data);
      await putEmptyTotals(this.db, parsed.data.id);
    });
    this.notify();
    return parsed.data;
  }

  /** Readable projects only: one written by a newer Groundwork or damaged is listed by `unreadableProjects` instead. */
  async listProjects(): Promise<ProjectSummary[]> {
    const { projects } = readProjectRows(await this.db.projects.orderBy('updatedAt').reverse().toArray());
    return Promise.all(
      projects.map(async (p) => ({
        ...p,
        itemCount: await this.db.items.where('projectId').equals(p.id).count(),
        doneCount: await this.db.items.where('[projectId+status]').equals([p.id, 'done']).count(),
      })),
    );
  }

  /** Throws UnreadableRecordError (naming the project) for a project this version cannot read. */
  async getProject(id: string): Promise<Project | undefined> {
    return readProjectRow(await this.db.projects.get(id));
  }

  /** Projects left out of `listProjects` because they cannot be read, each with the reason (e.g. "Update Groundwork to open it"). */
  async unreadableProjects(): Promise<UnreadableProject[]> {
    return readProjectRows(await this.db.projects.toArray()).unreadable;
  }

  async updateLabelSchema(projectId: string, schema: LabelSchema, options: SchemaUpdateOptions = {}): Promise<Project> {
    let project: Project | undefined;
    await withDocumentsPaused(await this.openDocs(projectId), async () => {
      const result = await updateLabelSchemaTx(this.db, projectId, schema, options, this.now());
      project = result.project;
      return result.changes;
    });
    this.notify();
    return project!;
  }

  /** Adds intake rows as 'new' items after the existing ones; paths already in the project are skipped. */
  async addItems(projectId: string, accepted: readonly IntakeItem[]): Promise<Item[]> {
    const { db } = this;
    const added = await db.transaction('rw', db.projects, db.items, async () => {
      if (!readProjectRow(await db.projects.get(projectId))) throw new StoreError(`addItems: project ${projectId} does not exist`);
      const last = await db.items.where('[projectId+order]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).last();
      let order = last ? last.order + 1 : 0;
      const known = new Set((await db.items.where('projectId').equals(projectId).toArray()).map((i) => i.relPath));
      const rows: ItemRecord[] = [];
      for (const a of accepted) {
        if (known.has(a.relPath)) continue;
        known.add(a.relPath);
        rows.push(itemRecordOf(a, { id: newId('itm_'), projectId, order: order++ }));
      }
      await db.items.bulkAdd(rows);
      await db.projects.update(projectId, { updatedAt: this.now() });
      return rows;
    });
    this.notify();
    return added;
  }

  async listItems(projectId: string, filter: { status?: ItemStatus } = {}): Promise<ItemSummary[]> {
    const range = this.db.items.where('[projectId+order]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]);
    const rows = await (filter.status ? range.filter((i) => i.status === filter.status) : range).toArray();
    return rows.map((r) => ({ ...r, shapeCount: r.shapeCount ?? 0 }));
  }

  getItem(itemId: string): Promise<ItemSummary | undefined> {
    return this.db.items.get(itemId);
  }

  async setItemStatus(itemId: string, status: ItemStatus): Promise<ItemSummary> {
    if (!ItemStatusSchema.safeParse(status).success) throw new StoreError(`setItemStatus: "${String(status)}" is not one of new, in_progress, done`);
    const doc = await this.docs.get(itemId);
    if (doc) await doc.whenDurable();
    const updated = await this.db.transaction('rw', this.db.items, async () => {
      const item = await this.db.items.get(itemId);
      if (!item) throw new StoreError(`setItemStatus: item ${itemId} does not exist`);
      const next = { ...item, status };
      await this.db.items.put(next);
      return next;
    });
    doc?.setItemRecord(updated);
    this.notify();
    return updated;
  }

  async loadShapes(itemId: string): Promise<Shape[]> {
    const open = await this.docs.get(itemId);
    if (open) return [...open.getShapes()];
    return (await readItemShapes(this.db, itemId)).shapes;
  }

  /** The item's shapes and persisted undo history, ready for the editor. Opening an open item returns the same document. */
  openItem(itemId: string): Promise<ItemDocument> {
    this.openCalls.set(itemId, (this.openCalls.get(itemId) ?? 0) + 1);
    const existing = this.docs.get(itemId);
    // A document being closed is not handed out again: wait for it to flush, then load afresh.
    if (existing) return existing.then((doc) => (doc.closing ? doc.closing.then(() => this.openItem(itemId)) : doc));
    const loading = this.loadDocument(itemId);
    this.docs.set(itemId, loading);
    loading.catch(() => this.forget(itemId, loading));
    return loading;
  }

  /**
   * Runs `use` on the item's document: the open one (so the editor shows the
   * change at once) or one opened for the purpose and closed afterwards —
   * unless someone opened the item meanwhile, who then owns it.
   */
  async withItemDocument<T>(itemId: string, use: (doc: ItemDocument) => T | Promise<T>): Promise<T> {
    const wasOpen = this.docs.has(itemId);
    const doc = await this.openItem(itemId);
    const calls = this.openCalls.get(itemId);
    try {
      return await use(doc);
    } finally {
      if (!wasOpen && this.openCalls.get(itemId) === calls) await doc.close();
      else await doc.whenDurable();
    }
  }

  async importShapes(projectId: string, shapes: readonly Shape[], options: ImportOptions = {}): Promise<{ count: number }> {
    await withDocumentsPaused(await this.openDocs(projectId), () => importShapesTx(this.db, projectId, shapes, options));
    this.notify();
    return { count: shapes.length };
  }

  async exportDataset(projectId: string): Promise<LabelDataset> {
    const project = await this.getProject(projectId);
    if (!project) throw new StoreError(`exportDataset: project ${projectId} does not exist`);
    for (const doc of this.docs.values()) await (await doc).whenDurable();
    const items = await this.listItems(projectId);
    const shapesByItem = await readProjectShapes(this.db, projectId);
    // Loaded on demand: export is rare and the format code need not delay app start.
    const { toDataset } = await import('../../core/formats/datasetMapping');
    return toDataset(project, items, shapesByItem);
  }

  async getSetting<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }

  /** Waits for every open document to be durable, then closes the database. */
  async close(): Promise<void> {
    const docs = await Promise.all([...this.docs.values()].map((d) => d.catch(() => null)));
    for (const doc of docs) await doc?.close();
    this.db.close();
  }

  private forget(itemId: string, doc: Promise<ItemDocument>): void {
    if (this.docs.get(itemId) === doc) this.docs.delete(itemId);
  }

  private async loadDocument(itemId: string): Promise<ItemDocument> {
    const { db } = this;
    const tables = [db.items, db.shapeBuckets, db.history, db.tracks, db.frameTags, db.segments, db.prelabelRuns, db.prelabelItemCounts];
    const { item, stored, history, video, prelabel } = await db.transaction('r', tables, async () => {
      const item = await db.items.get(itemId);
      return {
        item,
        stored: await readItemShapes(db, itemId),
        history: readHistoryRows(await db.history.where('itemId').equals(itemId).toArray()),
        video: item?.kind === 'video' ? await readVideoRows(db, itemId) : undefined,
        prelabel: { runs: await db.prelabelRuns.where('itemId').equals(itemId).toArray(), counted: readItemCountsRow(await db.prelabelItemCounts.get(itemId)) },
      };
    });
    if (!item) throw new StoreError(`openItem: item ${itemId} does not exist`);
    const loading = this.docs.get(itemId)!;
    const options: ItemDocumentOptions = {
      now: this.now,
      retryDelays: this.options.retryDelays,
      onItemChanged: () => this.notify(),
      onClosed: () => this.forget(itemId, loading),
    };
    return new ItemDocument(db, { ...item, shapeCount: item.shapeCount ?? stored.shapes.length }, stored, history, options, video, prelabel);
  }

  /** The project's item documents open right now. */
  openDocuments(projectId: string): Promise<ItemDocument[]> {
    return this.openDocs(projectId);
  }

  private async openDocs(projectId: string): Promise<ItemDocument[]> {
    const docs = await Promise.all([...this.docs.values()].map((d) => d.catch(() => null)));
    return docs.filter((d): d is ItemDocument => d !== null && d.item.projectId === projectId);
  }

  /** Tells subscribers that projects or items changed (also used by the pre-label records). */
  notify(): void {
    for (const l of this.listeners) l();
  }
}
