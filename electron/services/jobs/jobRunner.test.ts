import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../common/services/jobsService';
import { createJobRunner, type JobHandler } from './jobRunner';

type Intake = JobHandler<{ kind: 'intake'; rootId: string }>;

function runnerWith(intake: Intake, progressIntervalMs = 200, concurrency = 2) {
  const events: JobInfo[] = [];
  const runner = createJobRunner({ handlers: { intake }, onChange: (info) => events.push(info), progressIntervalMs, concurrency });
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
});
