import type { Item } from '../../core/model/item';
import type { Shape } from '../../core/model/shape';
import { readAutoAcceptPolicy, type AutoAcceptPolicy } from '../../core/prelabel/autoAccept/policy';
import { reviewObservations } from '../../core/prelabel/autoAccept/observations';
import { chooseThresholds, type ThresholdChoice } from '../../core/prelabel/autoAccept/thresholds';
import { buildPrelabel, type PrelabelInput } from '../../core/prelabel/buildPrelabel';
import { correctionLines, type CorrectionLine } from '../../core/prelabel/corrections';
import { statsOfTotals, type PrelabelStats } from '../../core/prelabel/statistics';
import { moveItem } from '../../core/prelabel/projectTally';
import type { ModelPrediction, PrelabelRun, Thresholds } from '../../core/prelabel/types';
import { StoreError } from './errors';
import type { LabelStore } from './labelStore';
import type { PrelabelJobRecord } from './records';
import { readProjectShapes } from './shapeRows';
import { readTotalsRow, recountCounters } from './prelabelCounterRows';
import { withDocumentsPaused } from './externalChange';

/** The store setting that holds a project's pre-label choices (renderer/ui/prelabel/prelabelSettings.ts); its `autoAccept` field is the policy. */
const settingsKey = (projectId: string) => `prelabel:${projectId}`;

/** Runs whose auto-accept thresholds are kept (jobs ingesting at the same time). */
const RUNS_CACHED = 4;

/** Undo label of the one step a pre-label run makes on an item. */
export const PRELABEL_STEP_LABEL = 'pre-label';

export interface PrelabelResult {
  runId: string;
  modelId: string;
  thresholds: Thresholds;
  itemId: string;
  /** The host's ItemPredictions, minus the item id. */
  outcome: { ok: true; predictions: readonly ModelPrediction[] } | { ok: false; error: string };
  author: string;
  /** The model's class names, when the caller knows them: kept on the run so "missed" counts only classes the model maps to. */
  modelClasses?: readonly string[];
}

/**
 * Model pre-label runs in the label store: ingesting results (idempotent per
 * run and item, one undo step per item), the records statistics, ordering and
 * the corrections export are computed from, and the jobs this renderer started.
 */
export class PrelabelRecords {
  /** Ingests run one at a time, so the same result arriving twice (event and catch-up) is written once. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The thresholds of the run being ingested: chosen ONCE per run (a job
   * ingests thousands of items) from the review history as it was when the
   * run's first item came; a new run, or a changed policy, chooses again.
   * Keyed by run id, the few newest kept, so two jobs ingesting in turn do
   * not choose again at every item.
   */
  private runThresholds = new Map<string, { projectId: string; policy: string; thresholds: Map<string, ThresholdChoice> }>();

  constructor(
    private readonly store: LabelStore,
    private readonly now: () => number = Date.now,
    /** Draws audit samples (tests pass a fixed one). */
    private readonly random: () => number = Math.random,
  ) {}

  private get db() {
    return this.store.db;
  }

  /** Applies one item's result: false when this run already reached this item (nothing written again). */
  ingest(result: PrelabelResult): Promise<{ ingested: boolean; run: PrelabelRun }> {
    const next = this.queue.then(() => this.ingestNow(result));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ingestNow(result: PrelabelResult): Promise<{ ingested: boolean; run: PrelabelRun }> {
    const seen = await this.db.prelabelRuns.get([result.runId, result.itemId]);
    if (seen) return { ingested: false, run: seen };
    const item = await this.store.getItem(result.itemId);
    if (!item) throw new StoreError(`pre-label: item ${result.itemId} does not exist`);
    const project = await this.store.getProject(item.projectId);
    if (!project) throw new StoreError(`pre-label: project ${item.projectId} does not exist`);
    const autoAccept = result.outcome.ok ? await this.autoAcceptFor(result.runId, item.projectId) : undefined;
    const plan = (existing: readonly Shape[]) =>
      buildPrelabel({ ...result, item, schema: project.labelSchema, existing, now: this.now(), ...(autoAccept ? { autoAccept } : {}) });
    // Through the item's document: the shapes are one undo step, an open editor shows them at once, and the run
    // record is written in the same transaction (a run record always means its shapes exist; the counters move with both).
    const run = await this.store.withItemDocument(item.id, (doc) => {
      const made = plan(result.outcome.ok ? doc.getShapes() : []);
      if (result.outcome.ok) doc.commit(made.change, { history: true, label: PRELABEL_STEP_LABEL });
      doc.recordRun(made.run);
      return made.run;
    });
    this.store.notify();
    return { ingested: true, run };
  }

  /** The project's auto-accept policy as saved (the default, off, when none is). */
  async autoAcceptPolicy(projectId: string): Promise<AutoAcceptPolicy> {
    const saved = await this.store.getSetting<{ autoAccept?: unknown }>(settingsKey(projectId));
    return readAutoAcceptPolicy(saved && typeof saved === 'object' ? saved.autoAccept : undefined);
  }

  /** The policy and, per model × class (modelClassKey), the threshold the review history supports now — whether or not the policy is on. */
  async autoAcceptThresholds(projectId: string): Promise<{ policy: AutoAcceptPolicy; choices: Map<string, ThresholdChoice> }> {
    const policy = await this.autoAcceptPolicy(projectId);
    return { policy, choices: await this.chooseThresholds(projectId, policy) };
  }

  private async chooseThresholds(projectId: string, policy: AutoAcceptPolicy): Promise<Map<string, ThresholdChoice>> {
    const { items, runs, shapesByItem } = await this.snapshot(projectId);
    return chooseThresholds(reviewObservations({ runs, shapesByItem, items }), policy);
  }

  /** What buildPrelabel needs to auto-accept for this run, or undefined when the policy is off. */
  private async autoAcceptFor(runId: string, projectId: string): Promise<PrelabelInput['autoAccept']> {
    const policy = await this.autoAcceptPolicy(projectId);
    if (!policy.enabled) return undefined;
    const key = JSON.stringify(policy);
    const cached = this.runThresholds.get(runId);
    let thresholds: Map<string, ThresholdChoice>;
    if (cached && cached.projectId === projectId && cached.policy === key) thresholds = cached.thresholds;
    else {
      thresholds = await this.chooseThresholds(projectId, policy);
      this.runThresholds.delete(runId);
      this.runThresholds.set(runId, { projectId, policy: key, thresholds });
      // Runs end without telling the store: keep the newest few.
      for (const old of this.runThresholds.keys()) if (this.runThresholds.size > RUNS_CACHED) this.runThresholds.delete(old);
    }
    return { thresholds, auditRate: policy.auditRate, random: this.random };
  }

  listRuns(projectId: string): Promise<PrelabelRun[]> {
    return this.db.prelabelRuns.where('projectId').equals(projectId).toArray();
  }

  /** Each item's newest run record, failed ones included (the item list marks failures). */
  async newestRunByItem(projectId: string): Promise<Map<string, PrelabelRun>> {
    const out = new Map<string, PrelabelRun>();
    for (const run of await this.listRuns(projectId)) {
      const seen = out.get(run.itemId);
      if (!seen || run.createdAt >= seen.createdAt) out.set(run.itemId, run);
    }
    return out;
  }

  /**
   * The project's statistics from its counters (one row, whatever the
   * project's size), with open documents' edits not yet durable added. A
   * project without counters (a database from before them that the upgrade
   * could not count) is recounted from its rows first.
   */
  async stats(projectId: string): Promise<PrelabelStats> {
    const project = await this.store.getProject(projectId);
    if (!project) throw new StoreError(`pre-label statistics: project ${projectId} does not exist`);
    const [policy, docs] = await Promise.all([this.autoAcceptPolicy(projectId), this.store.openDocuments(projectId)]);
    let totals = readTotalsRow(await this.db.prelabelTotals.get(projectId));
    if (!totals) {
      await this.recount(projectId);
      totals = readTotalsRow(await this.db.prelabelTotals.get(projectId));
      if (!totals) throw new StoreError(`pre-label statistics: project ${projectId} could not be counted`);
    }
    for (const doc of docs) {
      const { stored, current } = doc.prelabelCounts();
      moveItem(totals, stored, current);
    }
    return statsOfTotals(totals, policy.confidence);
  }

  /**
   * Rebuilds the project's counters from its shape and run rows (the repair;
   * what an old database gets once at upgrade). Open documents hold their
   * writes meanwhile and then count from the recount.
   */
  async recount(projectId: string): Promise<void> {
    const { db } = this;
    await withDocumentsPaused(await this.store.openDocuments(projectId), async () => {
      const tables = [db.projects, db.items, db.shapeBuckets, db.prelabelRuns, db.prelabelTotals, db.prelabelItemCounts];
      const summaries = await db.transaction('rw', tables, () => recountCounters(db, projectId));
      return new Map([...(summaries ?? [])].map(([itemId, counted]) => [itemId, { change: { put: [], remove: [] }, counted }]));
    });
  }

  async corrections(projectId: string): Promise<CorrectionLine[]> {
    const project = await this.store.getProject(projectId);
    if (!project) throw new StoreError(`corrections: project ${projectId} does not exist`);
    const { items, runs, shapesByItem } = await this.snapshot(projectId);
    return correctionLines({ schema: project.labelSchema, items, runs, shapesByItem });
  }

  /** Stored shapes, with open documents' in-memory shapes over them (edits not yet durable count too). */
  private async snapshot(projectId: string): Promise<{ items: Item[]; runs: PrelabelRun[]; shapesByItem: Map<string, readonly Shape[]> }> {
    const [items, runs, stored] = await Promise.all([this.store.listItems(projectId), this.listRuns(projectId), readProjectShapes(this.db, projectId)]);
    const shapesByItem: Map<string, readonly Shape[]> = stored;
    for (const doc of await this.store.openDocuments(projectId)) shapesByItem.set(doc.item.id, doc.getShapes());
    return { items, runs, shapesByItem };
  }

  // ---- jobs started by this renderer ---------------------------------------

  saveJob(job: PrelabelJobRecord): Promise<string> {
    return this.db.prelabelJobs.put(job);
  }

  getJob(jobId: string): Promise<PrelabelJobRecord | undefined> {
    return this.db.prelabelJobs.get(jobId);
  }

  async updateJob(jobId: string, patch: Partial<Omit<PrelabelJobRecord, 'jobId'>>): Promise<void> {
    await this.db.prelabelJobs.update(jobId, patch);
  }

  /** Jobs of the project not yet finished and fully ingested, newest first. */
  async unfinishedJobs(projectId: string): Promise<PrelabelJobRecord[]> {
    const jobs = await this.db.prelabelJobs.where('projectId').equals(projectId).toArray();
    return jobs.filter((j) => !j.finished).sort((a, b) => b.startedAt - a.startedAt);
  }
}
