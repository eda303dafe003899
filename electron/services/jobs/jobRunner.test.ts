import { describe, expect, it } from 'vitest';
import type { JobInfo, JobParams } from '../../common/services/jobsService';
import { createJobRunner, type JobHandler } from './jobRunner';

type Intake = JobHandler<{ kind: 'intake'; rootId: string }>;

function runnerWith(intake: Intake, progressIntervalMs = 200, concurrency = 2) {
  const events: JobInfo[] = [];
  const prelabel: JobHandler<Extract<JobParams, { kind: 'prelabel' }>> = async () => {
    throw new Error('not used here');
  };
  const unused = async () => {
    throw new Error('not used here');
  };
  const runner = createJobRunner({ handlers: { intake, prelabel, shots: unused, autotrack: unused, download: unused, publish: unused }, onChange: (info) => events.push(info), progressIntervalMs, concurrency });
  const finished = (id: string) =>
    new Promise<JobInfo>((resolve) => {
      const poll = setInterval(() => {
        const info = runner.get(id);
        if (['succeeded', 'failed', 'cancelled'].includes(info.state)) {
          clearInterval(poll);
          resolve(info);
        }
      }, 2);
    });
  return { runner, events, finished };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job runner', () => {
  it('throttles progress events but always sends the final state', async () => {
    const { runner, events, finished } = runnerWith(async (_p, { progress }) => {
      for (let i = 1; i <= 1000; i++) {
        progress(i, 1000);
        if (i % 100 === 0) await sleep(10);
      }
      return { ok: true };
    }, 200);
    const id = runner.start({ kind: 'intake', rootId: 'r' });
    const info = await finished(id);
    expect(info).toMatchObject({ state: 'succeeded', done: 1000, total: 1000, result: { ok: true } });
    expect(events.length).toBeLessThanOrEqual(6); // queued, running, ≤ a few progress, final
    expect(events.at(-1)).toMatchObject({ state: 'succeeded', done: 1000 });
    expect(events[0]).toMatchObject({ state: 'queued' });
  });

  it('reports failures with the error message', async () => {
    const { runner, finished } = runnerWith(async () => {
      throw new Error('folder vanished');
    });
    expect(await finished(runner.start({ kind: 'intake', rootId: 'r' }))).toMatchObject({ state: 'failed', error: 'folder vanished' });
  });

  it('cancels running jobs through the AbortSignal and queued jobs before they start', async () => {
    let started = 0;
    const { runner, finished, events } = runnerWith(
      async (_p, { signal }) => {
        started++;
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      200,
      1,
    );
    const running = runner.start({ kind: 'intake', rootId: 'a' });
    const queued = runner.start({ kind: 'intake', rootId: 'b' });
    expect(runner.get(queued).state).toBe('queued');
    expect(runner.cancel(queued)).toBe(true);
    expect(runner.get(queued).state).toBe('cancelled');
    expect(runner.cancel(running)).toBe(true);
    expect((await finished(running)).state).toBe('cancelled');
    expect(started).toBe(1);
    expect(runner.cancel(running)).toBe(false);
    expect(events.filter((e) => e.id === queued).map((e) => e.state)).toEqual(['queued', 'cancelled']);
    expect(() => runner.get('missing')).toThrow(/no job with id "missing"/);
  });

  it('ends persisted jobs as interrupted on shutdown and resumes them under the same id', async () => {
    let runsOfA = 0;
    const { runner, events, finished } = runnerWith(async ({ rootId }, { signal }) => {
      if (rootId !== 'a') return null;
      runsOfA++;
      if (runsOfA === 1) await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return { run: runsOfA };
    });
    const persisted = runner.start({ kind: 'intake', rootId: 'a' }, { id: 'job-1', resumable: true, subject: { rootId: 'a' } });
    const plain = runner.start({ kind: 'intake', rootId: 'b' });
    await finished(plain);
    await runner.shutdown();
    expect(runner.get(persisted)).toMatchObject({ id: 'job-1', state: 'interrupted', resumable: true, subject: { rootId: 'a' } });
    expect(events.filter((e) => e.id === 'job-1').map((e) => e.state)).toEqual(['queued', 'running', 'interrupted']);

    expect(runner.resume('job-1')).toBe('job-1');
    expect(await finished('job-1')).toMatchObject({ state: 'succeeded', result: { run: 2 } });
    expect(() => runner.resume('job-1')).toThrow('job "job-1" is succeeded; only an interrupted job can be resumed');
    expect(() => runner.resume(plain)).toThrow(/cannot be resumed: its state is not kept on disk/);
    expect(() => runner.start({ kind: 'intake', rootId: 'c' }, { id: 'job-1' })).toThrow('a job with id "job-1" already exists');
  });

  it('keeps a cancel a cancel when the host stops before the job has wound down', async () => {
    const { runner } = runnerWith(async (_p, { signal }) => {
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(signal.reason), 20)));
    });
    const id = runner.start({ kind: 'intake', rootId: 'a' }, { resumable: true });
    await sleep(5);
    runner.cancel(id);
    await runner.shutdown();
    expect(runner.get(id).state).toBe('cancelled');
  });

  it('lists restored jobs as they were left, without sending events', () => {
    const { runner, events } = runnerWith(async () => null);
    const info: JobInfo = { id: 'old', kind: 'intake', state: 'interrupted', done: 3, total: 9, message: 'interrupted', startedAt: 1, resumable: true, failed: 1 };
    runner.restore(info, { kind: 'intake', rootId: 'r' });
    expect(runner.list()).toEqual([info]);
    expect(events).toEqual([]);
  });
});
