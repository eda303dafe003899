import type { ItemPredictions, JobInfo, PrelabelFailure } from '../../electron/common/services';
import type { Host } from '../platform/connectHost';
import type { LabelStore } from '../store/labelStore';
import type { PrelabelResult } from '../store/prelabelRecords';
import type { PrelabelJobRecord } from '../store/records';
import { remainingMs, type ProgressSample } from './eta';
import { jobFailures } from './jobFailures';
import { prepareTextAttributes } from './textAttributeSetup';

export interface PrelabelJobView {
  record: PrelabelJobRecord;
  info: JobInfo | null;
  /** ms left, from progress seen in this session; null until there is some. */
  etaMs: number | null;
  /** Last problem applying results (the job goes on). */
  error: string | null;
  /** Once the job finished: the images it could not label, with the reason (file name first). */
  failures: PrelabelFailure[];
  /** A change made to the project before the job started (an OCR model's classes got a `text` attribute). */
  notice: string | null;
}

export interface StartPrelabel {
  modelId: string;
  rootId: string;
  thresholds: { confidence: number; iou: number };
  items: { itemId: string; relPath: string }[];
}

const FINAL_STATES = new Set<JobInfo['state']>(['succeeded', 'failed', 'cancelled']);
const RESULTS_PAGE = 500;

export function outcomeOf(result: ItemPredictions): PrelabelResult['outcome'] {
  return result.ok ? { ok: true, predictions: result.predictions } : { ok: false, error: result.error };
}

/**
 * The renderer's side of one project's background pre-label job: starts it,
 * applies each item's result to the store as it streams in, and after a
 * restart finds the job again (the store remembers the jobs it started and
 * how many results it applied), fetches the results it missed and offers to
 * resume an interrupted job. Applying a result twice is harmless (the store
 * ingests per run and item once), so events and catch-up may overlap.
 */
export class PrelabelJobController {
  private view: PrelabelJobView | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly offs: (() => void)[];
  private chain: Promise<void> = Promise.resolve();
  /** Result indexes applied above the contiguous `record.ingested` mark. */
  private readonly appliedAbove = new Set<number>();
  private firstSample: ProgressSample | null = null;
  private disposed = false;
  /** The model task of each job started in this session, so "Retry failed" prepares the schema like the first start. */
  private readonly taskByJob = new Map<string, string>();

  constructor(
    private readonly host: Host,
    private readonly store: LabelStore,
    private readonly projectId: string,
    private readonly author: string,
  ) {
    this.offs = [
      host.jobs.on('changed', (info) => this.onChanged(info)),
      host.jobs.on('itemResult', (e) => {
        if (e.jobId === this.view?.record.jobId) void this.apply(e.index, e.result);
      }),
    ];
  }

  readonly getView = (): PrelabelJobView | null => this.view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get running(): boolean {
    const state = this.view?.info?.state;
    return state === 'queued' || state === 'running';
  }

  /**
   * After a restart: the project's newest unfinished job, caught up, and
   * resumable if the host was stopped under it; otherwise its newest job if
   * that finished with failed images, so their list and "Retry failed" stay.
   */
  async restore(): Promise<void> {
    const [record] = await this.store.prelabel.unfinishedJobs(this.projectId);
    if (!record) return this.restoreLastFailures();
    let info: JobInfo;
    try {
      info = (await this.host.jobs.list({})).find((j) => j.id === record.jobId) ?? (await this.host.jobs.get({ jobId: record.jobId }));
    } catch {
      // The host no longer knows the job (its state was lost): nothing to resume or fetch.
      await this.store.prelabel.updateJob(record.jobId, { finished: true });
      return;
    }
    this.adopt(record, info);
    await this.settle();
  }

  /**
   * `modelClasses`: every class the model can predict, kept on the job so each run it ingests knows them.
   * `task`: the model's task; an OCR model's classes get the `text` attribute first, so the recognised text is kept.
   */
  async start(params: StartPrelabel, modelClasses?: readonly string[], task?: string): Promise<void> {
    if (this.running) throw new Error('a pre-label job is already running for this project');
    const notice = task && modelClasses ? await prepareTextAttributes(this.store, this.projectId, modelClasses, task) : null;
    const { jobId } = await this.host.jobs.start({ params: { kind: 'prelabel', projectId: this.projectId, ...params } });
    if (task) this.taskByJob.set(jobId, task);
    const record: PrelabelJobRecord = { jobId, projectId: this.projectId, modelId: params.modelId, thresholds: params.thresholds, ...(modelClasses ? { modelClasses: [...modelClasses] } : {}), total: params.items.length, ingested: 0, startedAt: Date.now(), finished: false };
    await this.store.prelabel.saveJob(record);
    this.adopt(record, await this.host.jobs.get({ jobId }), notice);
    // Results that streamed before the job id was known are fetched, not lost.
    await this.settle();
  }

  /** "Retry failed": a new job over only the images the finished job could not label, with its model and thresholds. */
  async retryFailed(): Promise<void> {
    const view = this.view;
    const rootId = view?.info?.subject?.rootId;
    if (!view || !rootId || view.failures.length === 0) return;
    const items = view.failures.map(({ itemId, relPath }) => ({ itemId, relPath }));
    try {
      await this.start({ modelId: view.record.modelId, rootId, thresholds: view.record.thresholds, items }, view.record.modelClasses, this.taskByJob.get(view.record.jobId));
    } catch (e) {
      // Shown on the job that is still on screen; its list stays so the user can try again.
      this.fail(e);
    }
  }

  async cancel(): Promise<void> {
    if (this.view) await this.host.jobs.cancel({ jobId: this.view.record.jobId });
  }

  async resume(): Promise<void> {
    if (!this.view) return;
    await this.host.jobs.resume({ jobId: this.view.record.jobId });
    this.firstSample = null;
    this.onChanged(await this.host.jobs.get({ jobId: this.view.record.jobId }));
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private async restoreLastFailures(): Promise<void> {
    const newest = (await this.host.jobs.list({})).find((j) => j.kind === 'prelabel' && j.subject?.projectId === this.projectId);
    if (!newest || newest.state !== 'succeeded' || newest.failed === 0) return;
    const record = await this.store.prelabel.getJob(newest.id);
    // `list` leaves results out; the failures are in the result.
    if (record) this.adopt(record, await this.host.jobs.get({ jobId: newest.id }));
  }

  private adopt(record: PrelabelJobRecord, info: JobInfo, notice: string | null = null): void {
    this.appliedAbove.clear();
    this.firstSample = null;
    this.set({ record, info: null, etaMs: null, error: null, failures: [], notice });
    this.onChanged(info);
  }

  private onChanged(info: JobInfo): void {
    const view = this.view;
    if (!view || info.id !== view.record.jobId) return;
    const sample = { at: Date.now(), done: info.done };
    this.firstSample ??= sample;
    this.set({ ...view, info, etaMs: info.state === 'running' ? remainingMs(this.firstSample, sample, info.total) : null, failures: jobFailures(info) });
    if (FINAL_STATES.has(info.state) || info.state === 'interrupted') void this.settle();
  }

  /** Fetches every result not applied yet; a job that ended is then marked finished (interrupted ones stay for resume). */
  private async settle(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const jobId = view.record.jobId;
    try {
      let from = view.record.ingested;
      for (;;) {
        const page = await this.host.jobs.results({ jobId, from, limit: RESULTS_PAGE });
        for (const r of page.results) void this.apply(r.index, r.result);
        if (page.results.length === 0 || page.next <= from) break;
        from = page.next;
      }
      await this.chain;
      const state = this.view?.info?.state;
      if (this.view?.record.jobId === jobId && state && FINAL_STATES.has(state)) await this.patchRecord({ finished: true });
    } catch (e) {
      this.fail(e);
    }
  }

  /** Applies results one at a time, in arrival order; a result that cannot be applied is reported and skipped. */
  private apply(index: number, result: ItemPredictions): Promise<void> {
    const job = this.view!.record;
    this.chain = this.chain.then(async () => {
      if (this.disposed || this.view?.record.jobId !== job.jobId || index < this.view.record.ingested || this.appliedAbove.has(index)) return;
      try {
        await this.store.prelabel.ingest({ runId: job.jobId, modelId: job.modelId, thresholds: job.thresholds, modelClasses: job.modelClasses, itemId: result.itemId, outcome: outcomeOf(result), author: this.author });
      } catch (e) {
        this.fail(e);
      }
      this.appliedAbove.add(index);
      let ingested = this.view.record.ingested;
      while (this.appliedAbove.delete(ingested)) ingested++;
      if (ingested !== this.view.record.ingested) await this.patchRecord({ ingested });
    });
    return this.chain;
  }

  private async patchRecord(patch: Partial<PrelabelJobRecord>): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.store.prelabel.updateJob(view.record.jobId, patch);
    if (this.view?.record.jobId === view.record.jobId) this.set({ ...this.view, record: { ...this.view.record, ...patch } });
  }

  private fail(e: unknown): void {
    if (this.view) this.set({ ...this.view, error: e instanceof Error ? e.message : String(e) });
  }

  private set(view: PrelabelJobView): void {
    if (this.disposed) return;
    this.view = view;
    for (const l of this.listeners) l();
  }
}
