import type { JobInfo, JobParams } from '../../common/services';
import type { ContractClients } from './contractClients';

const FINAL = new Set<JobInfo['state']>(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * Starts a job through the proxy and resolves with every `changed` event of
 * it and its final state. Listens before `start` is sent: a short job's first
 * events arrive before `start` answers with the id, so all are kept and
 * filtered once the id is known. `onChange` may act on the job mid-run (cancel).
 */
export async function runJob(clients: ContractClients, params: JobParams, onChange?: (info: JobInfo, jobId: string) => void) {
  let jobId: string | undefined;
  const all: JobInfo[] = [];
  let settle!: (info: JobInfo) => void;
  const ended = new Promise<JobInfo>((resolve) => (settle = resolve));
  const check = (info: JobInfo) => {
    if (info.id !== jobId) return;
    onChange?.(info, jobId);
    if (FINAL.has(info.state)) settle(info);
  };
  const off = clients.jobs.on('changed', (info) => {
    all.push(info);
    check(info);
  });
  jobId = (await clients.jobs.start({ params })).jobId;
  for (const info of all.slice()) check(info);
  const final = await ended;
  off();
  return { jobId, final, changes: all.filter((c) => c.id === jobId), info: await clients.jobs.get({ jobId }) };
}
