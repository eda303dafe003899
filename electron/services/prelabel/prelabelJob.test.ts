// The 'prelabel' job end to end: real services, real engine worker, real
// onnxruntime running the test model, driven through the real proxy over the
// in-memory transport.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { PrelabelJobResultSchema, type ItemPredictions, type JobInfo } from '../../common/services';
import { createServices, type Services } from '../createServices';
import { contractClients, waitForJobEnd, type ContractClients } from '../testSupport/contractClients';
import { makePrelabelFixture, tempDir } from '../testSupport/fixtureImages';
import { expectedPredictions, installTestModel, TEST_MODEL_ID } from '../testSupport/testModel';

const open: Services[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.dispose();
});

/** One host run over `dataDir`; call again on the same folder to simulate a restart. */
async function host(dataDir: string) {
  const services = await createServices({ dataDir, host: { kind: 'browser', version: '1.0.0', electronVersion: null } });
  open.push(services);
  return { services, clients: contractClients(createMemoryTransport(services.dispatcher)) };
}

async function setup(itemCount: number) {
  const dataDir = await tempDir('prelabel-data');
  await installTestModel(path.join(dataDir, 'models'));
  const mediaDir = await tempDir('prelabel-media');
  const fixture = await makePrelabelFixture(mediaDir);
  const run = await host(dataDir);
  const root = await run.clients.media.openFolder({ path: mediaDir });
  // Items cycle through the good images; item 2 is the corrupt one.
  const items = Array.from({ length: itemCount }, (_, i) => ({ itemId: `item-${i}`, relPath: i === 2 ? fixture.corrupt : fixture.good[i % fixture.good.length]! }));
  const params = { kind: 'prelabel' as const, modelId: TEST_MODEL_ID, rootId: root.rootId, projectId: 'project-1', thresholds: { confidence: 0.25, iou: 0.45 }, items };
  return { dataDir, ...run, params };
}

/** Item 2 is the corrupt file in every setup: the one failure a result lists. */
const corruptFailure = { itemId: 'item-2', relPath: 'corrupt.png', error: expect.stringContaining('cannot decode image corrupt.png') as string };

type ItemResultEvent = { jobId: string; index: number; result: ItemPredictions };

function collectItemResults(clients: ContractClients, jobId: () => string | undefined, onEach?: (event: ItemResultEvent, all: ItemResultEvent[]) => void) {
  const all: ItemResultEvent[] = [];
  clients.jobs.on('itemResult', (event) => {
    if (event.jobId !== jobId()) return;
    all.push(event);
    onEach?.(event, all);
  });
  return all;
}

const resultsFile = (dataDir: string, jobId: string) => path.join(dataDir, 'jobs', jobId, 'results.jsonl');
async function resultLines(dataDir: string, jobId: string): Promise<{ item: number; result: ItemPredictions }[]> {
  const text = await readFile(resultsFile(dataDir, jobId), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { item: number; result: ItemPredictions });
}

/** Starts the job and resolves with its id and final state; `onEach` sees every itemResult as it arrives. */
async function runJob(clients: ContractClients, params: Awaited<ReturnType<typeof setup>>['params'], onEach?: (event: ItemResultEvent, all: ItemResultEvent[]) => void) {
  let jobId: string | undefined;
  const events = collectItemResults(clients, () => jobId, onEach);
  // The first events ('queued', 'running') arrive before `start` answers with the id, so keep all and filter after.
  const allChanges: JobInfo[] = [];
  const ended = new Promise<JobInfo>((resolve) => {
    const off = clients.jobs.on('changed', (info) => {
      allChanges.push(info);
      if (info.id === jobId && ['succeeded', 'failed', 'cancelled', 'interrupted'].includes(info.state)) {
        off();
        resolve(info);
      }
    });
  });
  jobId = (await clients.jobs.start({ params })).jobId;
  const final = await ended;
  return { jobId, events, changes: allChanges.filter((c) => c.id === jobId), final };
}

describe('prelabel job', () => {
  it('pre-labels every item, records a corrupt image as failed with its reason and goes on', async () => {
    const { dataDir, services, clients, params } = await setup(6);
    const messagesSeen: string[] = [];
    const { jobId, events, changes, final } = await runJob(clients, params, (event) => {
      // At each item the runner already holds the progress text of the item before it.
      if (event.index === 1) messagesSeen.push(services.jobRunner.get(event.jobId).message);
    });

    expect(final).toMatchObject({ state: 'succeeded', done: 6, total: 6, failed: 1, resumable: true, subject: { projectId: 'project-1', rootId: params.rootId, modelId: TEST_MODEL_ID } });
    expect(PrelabelJobResultSchema.parse(final.result)).toEqual({ modelId: TEST_MODEL_ID, provider: 'cpu', items: 6, failed: 1, failures: [corruptFailure] });
    expect(changes.map((c) => c.state).slice(0, 2)).toEqual(['queued', 'running']);
    expect(changes.filter((c) => c.state === 'succeeded')).toHaveLength(1);
    expect(changes.at(-1)).toBe(final);
    expect(messagesSeen[0]).toMatch(/^1\/6 · ~\d+ s left$/);

    expect(events.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.map((e) => e.result.itemId)).toEqual(params.items.map((i) => i.itemId));
    const corrupt = events[2]!.result;
    expect(corrupt).toEqual({ ok: false, itemId: 'item-2', error: expect.stringContaining('cannot decode image corrupt.png') as string });
    for (const event of events.filter((e) => e.index !== 2)) {
      expect(event.result).toMatchObject({ ok: true, width: 128, height: 128 });
      const predictions = (event.result as Extract<ItemPredictions, { ok: true }>).predictions;
      expect(predictions.map((p) => [p.className, p.box])).toEqual(expectedPredictions(128).map((p) => [p.className, p.box]));
      expect(predictions[0]!.score).toBeCloseTo(0.9, 5);
    }

    // The persisted results are the streamed ones, in order, paged.
    const page1 = await clients.jobs.results({ jobId, from: 0, limit: 4 });
    const page2 = await clients.jobs.results({ jobId, from: page1.next, limit: 4 });
    expect([page1.next, page2.next]).toEqual([4, 6]);
    expect([...page1.results, ...page2.results]).toEqual(events.map(({ index, result }) => ({ index, result })));
    expect(await clients.jobs.results({ jobId, from: 6, limit: 4 })).toEqual({ results: [], next: 6 });
    expect((await resultLines(dataDir, jobId)).map((l) => l.item)).toEqual([0, 1, 2, 3, 4, 5]);
    const record = JSON.parse(await readFile(path.join(dataDir, 'jobs', jobId, 'job.json'), 'utf8')) as { params: unknown; startedAt: number };
    expect(record.params).toEqual(params);
    expect(record.startedAt).toBe(final.startedAt);
  });

  it('stops between items when cancelled and keeps what was done', async () => {
    const { dataDir, clients, params } = await setup(30);
    let cancelled: Promise<{ cancelled: boolean }> | undefined;
    const { jobId, events, final } = await runJob(clients, params, (event) => {
      if (event.index === 0) cancelled = clients.jobs.cancel({ jobId: event.jobId });
    });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(final.state).toBe('cancelled');
    // The item running at the cancel and the one already decoding may still finish; nothing new starts.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(3);
    expect(final.done).toBe(events.length);
    expect(await resultLines(dataDir, jobId)).toHaveLength(events.length);
    await expect(clients.jobs.resume({ jobId })).rejects.toThrow(`job "${jobId}" is cancelled; only an interrupted job can be resumed`);
  });

  it('fails the job with the engine message when the model cannot be used', async () => {
    const { clients, params } = await setup(3);
    const { final } = await runJob(clients, { ...params, modelId: 'no-such-model' });
    expect(final).toMatchObject({ state: 'failed', done: 0, error: expect.stringContaining("no manifest declares model 'no-such-model'") as string });
  });

  it('refuses bad arguments by schema and results of jobs that keep none', async () => {
    const { clients, params } = await setup(1);
    await expect(clients.jobs.start({ params: { ...params, items: [{ itemId: 'x', relPath: '../x.png' }] } })).rejects.toThrow(
      /invalid arguments for jobs\.start: params\.items\.0\.relPath: path must be relative to the media root/,
    );
    await expect(clients.jobs.start({ params: { ...params, items: [] } })).rejects.toThrow(/params\.items: Too small/);
    await expect(clients.jobs.start({ params: { ...params, thresholds: { confidence: 2, iou: 0.5 } } })).rejects.toThrow(/params\.thresholds\.confidence/);
    await expect(clients.jobs.results({ jobId: 'x', from: -1 })).rejects.toThrow(/from: Too small/);
    const intake = await clients.jobs.start({ params: { kind: 'intake', rootId: params.rootId } });
    await waitForJobEnd(clients, intake.jobId);
    await expect(clients.jobs.results({ jobId: intake.jobId, from: 0 })).rejects.toThrow(/is a intake job, which does not keep per-item results/);
    await expect(clients.jobs.resume({ jobId: intake.jobId })).rejects.toThrow(/cannot be resumed: its state is not kept on disk/);
    await expect(clients.jobs.results({ jobId: 'missing', from: 0 })).rejects.toThrow(/no job with id "missing"/);
  });
});

describe('prelabel job across a host restart', () => {
  /** Runs a 12-item job and stops the host after the third item, as closing the app would. */
  async function interruptedRun() {
    const first = await setup(12);
    let stopped: Promise<void> | undefined;
    const { jobId, events, final } = await runJob(first.clients, first.params, (_event, all) => {
      if (all.length === 3) stopped = first.services.dispose();
    });
    await stopped;
    expect(final.state).toBe('interrupted');
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeLessThan(12);
    return { ...first, jobId, doneBefore: events.length };
  }

  async function resumeAfterRestart(dataDir: string, jobId: string) {
    const second = await host(dataDir);
    const listed = (await second.clients.jobs.list({})).find((j) => j.id === jobId);
    const resumedEvents = collectItemResults(second.clients, () => jobId);
    return { second, listed, resumedEvents };
  }

  it('lists the job as interrupted, resumes it and runs only the items not yet done', async () => {
    const { dataDir, params, jobId, doneBefore } = await interruptedRun();
    const { second, listed, resumedEvents } = await resumeAfterRestart(dataDir, jobId);
    expect(listed).toMatchObject({ state: 'interrupted', resumable: true, done: doneBefore, total: 12, failed: 1, kind: 'prelabel', subject: { projectId: 'project-1' } });

    // A renderer that was closed catches up from the persisted results before resuming.
    const caughtUp = await second.clients.jobs.results({ jobId, from: 0, limit: 500 });
    expect(caughtUp.next).toBe(doneBefore);

    const ended = waitForJobEnd(second.clients, jobId);
    expect(await second.clients.jobs.resume({ jobId })).toEqual({ jobId });
    expect(await ended).toMatchObject({ state: 'succeeded', done: 12, total: 12, failed: 1 });
    expect(resumedEvents.map((e) => e.index)).toEqual(Array.from({ length: 12 - doneBefore }, (_, i) => doneBefore + i));

    const lines = await resultLines(dataDir, jobId);
    expect(lines.map((l) => l.item).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(lines.map((l) => l.result.itemId)).toEqual(lines.map((l) => params.items[l.item]!.itemId));
    expect(new Set([...caughtUp.results.map((r) => r.result.itemId), ...resumedEvents.map((e) => e.result.itemId)]).size).toBe(12);

    // A third run finds it finished and serves its results; it cannot be resumed again. The second host
    // stops first, as in a real restart: its outcome.json write may still be under way when 'succeeded' is sent.
    await second.services.dispose();
    const third = await host(dataDir);
    expect((await third.clients.jobs.list({})).find((j) => j.id === jobId)).toMatchObject({ state: 'succeeded', done: 12, failed: 1 });
    // The failure recorded before the interruption is in the result of the resumed run.
    expect((await third.clients.jobs.get({ jobId })).result).toEqual({ modelId: TEST_MODEL_ID, provider: 'cpu', items: 12, failed: 1, failures: [corruptFailure] });
    expect((await third.clients.jobs.results({ jobId, from: 10, limit: 5 })).results.map((r) => r.index)).toEqual([10, 11]);
    await expect(third.clients.jobs.resume({ jobId })).rejects.toThrow(/is succeeded; only an interrupted job can be resumed/);
  });

  it('ignores a torn last line and runs that item again', async () => {
    const { dataDir, jobId, doneBefore } = await interruptedRun();
    const file = resultsFile(dataDir, jobId);
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    const torn = lines.at(-1)!;
    const tornItem = (JSON.parse(torn) as { item: number }).item;
    await writeFile(file, `${lines.slice(0, -1).join('\n')}\n${torn.slice(0, Math.floor(torn.length / 2))}`);

    const { second, listed, resumedEvents } = await resumeAfterRestart(dataDir, jobId);
    expect(listed).toMatchObject({ state: 'interrupted', done: doneBefore - 1 });
    expect((await second.clients.jobs.results({ jobId, from: 0, limit: 500 })).next).toBe(doneBefore - 1);
    const ended = waitForJobEnd(second.clients, jobId);
    await second.clients.jobs.resume({ jobId });
    expect(await ended).toMatchObject({ state: 'succeeded', done: 12 });
    expect(resumedEvents[0]).toMatchObject({ index: doneBefore - 1 });

    const items = (await resultLines(dataDir, jobId)).map((l) => l.item);
    expect(items).toHaveLength(12);
    expect(new Set(items).size).toBe(12);
    expect(items.filter((i) => i === tornItem)).toHaveLength(1);
  });
});
