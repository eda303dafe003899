import { describe, expect, it } from 'vitest';
import { createDispatcher, createEventBus, createMemoryTransport, createProxy, registerService, type ServiceImpl } from '../../electron/common/contract';
import { jobsService, type ItemPredictions, type JobInfo, type JobParams } from '../../electron/common/services';
import type { Host } from '../platform/connectHost';
import { testStores } from '../store/testing/testStores';
import { PrelabelJobController } from './prelabelJobController';

/**
 * A host whose 'prelabel' job the test moves step by step, served through
 * the real contract (dispatcher, schemas, memory transport, proxy): the
 * controller sees exactly the calls and events a real host gives it.
 */
class SteppedHost {
  readonly events = createEventBus();
  private info: JobInfo | null = null;
  private params: Extract<JobParams, { kind: 'prelabel' }> | null = null;
  /** The current job's results log (each start begins a new job with its own). */
  log: { index: number; result: ItemPredictions }[] = [];
  readonly started: Extract<JobParams, { kind: 'prelabel' }>[] = [];
  private readonly emit = this.events.emitterFor(jobsService);

  readonly impl: ServiceImpl<typeof jobsService> = {
    start: async ({ params }) => {
      if (params.kind !== 'prelabel') throw new Error('only prelabel');
      this.params = params;
      this.started.push(params);
      this.log = [];
      const id = `job_${this.started.length}`;
      const subject = { projectId: params.projectId, rootId: params.rootId, modelId: params.modelId };
      this.info = { id, kind: 'prelabel', state: 'running', done: 0, total: params.items.length, message: '', startedAt: this.started.length, resumable: true, failed: 0, subject };
      return { jobId: id };
    },
    cancel: async () => ({ cancelled: false }),
    get: async ({ jobId }) => {
      if (jobId !== this.info?.id) throw new Error(`no job ${jobId}`);
      return this.info;
    },
    list: async () => (this.info ? [this.info] : []),
    resume: async ({ jobId }) => {
      this.update({ state: 'running' });
      return { jobId };
    },
    results: async ({ from, limit }) => {
      const page = this.log.slice(from, from + limit);
      return { results: page, next: from + page.length };
    },
  };

  host(): Host {
    const transport = createMemoryTransport(createDispatcher([registerService(jobsService, this.impl)], { events: this.events }));
    return { jobs: createProxy(jobsService, transport) } as unknown as Host;
  }

  /** The next item finishes: its result is logged and (unless the renderer is away) streamed. */
  finishItem(outcome: 'boxes' | 'fails', stream = true, attributes?: Record<string, string>): void {
    const index = this.log.length;
    const { itemId } = this.params!.items[index]!;
    const prediction = { className: 'cat', classIndex: 0, box: { x: 10, y: 10, w: 40, h: 30 }, score: 0.9, ...(attributes ? { attributes } : {}) };
    const result: ItemPredictions = outcome === 'boxes' ? { ok: true, itemId, width: 640, height: 480, predictions: [prediction] } : { ok: false, itemId, error: 'truncated JPEG' };
    this.log.push({ index, result });
    if (stream) this.emit('itemResult', { jobId: this.info!.id, index, result });
    this.update({ done: index + 1, failed: this.info!.failed + (outcome === 'fails' ? 1 : 0) }, stream);
  }

  /** The job ends on its own; its result lists the failed items, as the real host's does. */
  succeed(stream = true): void {
    const failures = this.log.flatMap(({ index, result }) => (result.ok ? [] : [{ itemId: result.itemId, relPath: this.params!.items[index]!.relPath, error: result.error }]));
    this.update({ state: 'succeeded', result: { modelId: this.params!.modelId, provider: 'cpu', items: this.log.length, failed: failures.length, failures } }, stream);
  }

  update(patch: Partial<JobInfo>, stream = true): void {
    this.info = { ...this.info!, ...patch };
    if (stream) this.emit('changed', this.info);
  }
}

const { projectWithItems } = testStores();

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}

describe('PrelabelJobController', () => {
  it('applies streamed results, catches up after a restart, resumes an interrupted job and finishes it', async () => {
    const { store, project, items } = await projectWithItems(3);
    const host = new SteppedHost();

    const first = new PrelabelJobController(host.host(), store, project.id, 'local');
    await first.start({ modelId: 'yolo', rootId: 'root', thresholds: { confidence: 0.3, iou: 0.5 }, items: items.map((i) => ({ itemId: i.id, relPath: i.relPath })) });
    host.finishItem('boxes');
    await until(async () => (await store.prelabel.getJob('job_1'))?.ingested === 1);
    expect(await store.loadShapes(items[0]!.id)).toHaveLength(1);

    // The renderer goes away; meanwhile the host finishes one more item and is then stopped.
    first.dispose();
    host.finishItem('fails', false);
    host.update({ state: 'interrupted' }, false);

    const second = new PrelabelJobController(host.host(), store, project.id, 'local');
    await second.restore();
    expect(second.getView()).toMatchObject({ record: { jobId: 'job_1', ingested: 2, finished: false }, info: { state: 'interrupted', resumable: true } });
    expect((await store.prelabel.newestRunByItem(project.id)).get(items[1]!.id)?.error).toBe('truncated JPEG');

    await second.resume();
    host.finishItem('boxes');
    host.update({ state: 'succeeded' });
    await until(async () => (await store.prelabel.getJob('job_1'))?.finished === true);
    expect(second.getView()!.record.ingested).toBe(3);
    expect(await store.loadShapes(items[2]!.id)).toHaveLength(1);
    expect(await store.db.prelabelRuns.count()).toBe(3);
    // A finished job is not offered again after the next restart.
    expect(await store.prelabel.unfinishedJobs(project.id)).toEqual([]);
    second.dispose();
  });

  it('lists the images a finished job failed on, keeps the list across a restart, and retries only those', async () => {
    const { store, project, items } = await projectWithItems(3);
    const host = new SteppedHost();
    const controller = new PrelabelJobController(host.host(), store, project.id, 'local');
    const thresholds = { confidence: 0.4, iou: 0.5 };
    await controller.start({ modelId: 'yolo', rootId: 'root', thresholds, items: items.map((i) => ({ itemId: i.id, relPath: i.relPath })) }, ['car', 'person']);
    host.finishItem('boxes');
    host.finishItem('fails');
    host.finishItem('boxes');
    expect(controller.getView()!.failures).toEqual([]);
    host.succeed();
    await until(() => controller.getView()!.failures.length === 1);
    expect(controller.getView()).toMatchObject({ info: { state: 'succeeded', failed: 1 }, failures: [{ itemId: items[1]!.id, relPath: items[1]!.relPath, error: 'truncated JPEG' }] });
    controller.dispose();

    // Reopened after the job ended: the failed list is still there (the host keeps it in the job's result).
    const reopened = new PrelabelJobController(host.host(), store, project.id, 'local');
    await reopened.restore();
    expect(reopened.getView()).toMatchObject({ record: { jobId: 'job_1', finished: true }, failures: [{ itemId: items[1]!.id }] });

    await reopened.retryFailed();
    expect(host.started[1]).toEqual({ kind: 'prelabel', projectId: project.id, modelId: 'yolo', rootId: 'root', thresholds, items: [{ itemId: items[1]!.id, relPath: items[1]!.relPath }] });
    expect(reopened.getView()).toMatchObject({ record: { jobId: 'job_2', total: 1 }, failures: [] });
    host.finishItem('boxes');
    host.succeed();
    await until(async () => (await store.prelabel.getJob('job_2'))?.finished === true);
    expect(reopened.getView()).toMatchObject({ info: { state: 'succeeded', failed: 0 }, failures: [] });
    expect(await store.loadShapes(items[1]!.id)).toHaveLength(1);
    // Every run of both jobs knows all the model's classes, so "missed" counts hand-drawn boxes of those classes only.
    expect((await store.db.prelabelRuns.toArray()).map((r) => r.modelClasses)).toEqual([['car', 'person'], ['car', 'person'], ['car', 'person'], ['car', 'person']]);
    reopened.dispose();
  });

  it('gives the classes an OCR model maps to a text attribute before the job, says so, and keeps the read text; "Retry failed" does the same', async () => {
    const { store, project, items } = await projectWithItems(2);
    const host = new SteppedHost();
    const controller = new PrelabelJobController(host.host(), store, project.id, 'local');
    const start = { modelId: 'ppocr', rootId: 'root', thresholds: { confidence: 0.4, iou: 0.5 }, items: items.map((i) => ({ itemId: i.id, relPath: i.relPath })) };
    await controller.start(start, ['cat'], 'ocr');
    const textAttribute = async () => (await store.getProject(project.id))!.labelSchema.classes.find((c) => c.name === 'cat')!.attributes.find((a) => a.name === 'text');
    const text = await textAttribute();
    expect(text).toMatchObject({ type: 'text' });
    expect(controller.getView()!.notice).toBe('Class “cat” now has a “text” attribute that holds the recognised text, and a “quad” attribute with the detected outline.');
    host.finishItem('boxes', true, { text: 'EXIT', quad: '[[10,10],[50,10],[50,40],[10,40]]' });
    host.finishItem('fails');
    host.succeed();
    await until(async () => (await store.prelabel.getJob('job_1'))?.finished === true);
    expect((await store.loadShapes(items[0]!.id))[0]!.attributes[text!.id]).toBe('EXIT');

    // Someone drops the attributes again; the retry puts them back before it runs.
    await store.updateLabelSchema(project.id, { classes: (await store.getProject(project.id))!.labelSchema.classes.map((c) => (c.name === 'cat' ? { ...c, attributes: [] } : c)) });
    await controller.retryFailed();
    expect(await textAttribute()).toBeDefined();
    expect(controller.getView()).toMatchObject({ record: { jobId: 'job_2' }, notice: expect.stringContaining('“text” attribute') });
    controller.dispose();
  });

  it('leaves the schema alone for a model that does not read text', async () => {
    const { store, project, items } = await projectWithItems(1);
    const controller = new PrelabelJobController(new SteppedHost().host(), store, project.id, 'local');
    await controller.start({ modelId: 'yolo', rootId: 'root', thresholds: { confidence: 0.4, iou: 0.5 }, items: [{ itemId: items[0]!.id, relPath: items[0]!.relPath }] }, ['cat'], 'detect');
    expect((await store.getProject(project.id))!.labelSchema).toEqual(project.labelSchema);
    expect(controller.getView()!.notice).toBeNull();
    controller.dispose();
  });

  it('finds no failed list to restore when the newest job had none', async () => {
    const { store, project, items } = await projectWithItems(1);
    const host = new SteppedHost();
    const controller = new PrelabelJobController(host.host(), store, project.id, 'local');
    await controller.start({ modelId: 'yolo', rootId: 'root', thresholds: { confidence: 0.4, iou: 0.5 }, items: [{ itemId: items[0]!.id, relPath: items[0]!.relPath }] });
    host.finishItem('boxes');
    host.succeed();
    await until(async () => (await store.prelabel.getJob('job_1'))?.finished === true);
    controller.dispose();
    const reopened = new PrelabelJobController(host.host(), store, project.id, 'local');
    await reopened.restore();
    expect(reopened.getView()).toBeNull();
    reopened.dispose();
  });
});
