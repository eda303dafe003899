import { createProxy } from '../../common/contract/createProxy';
import type { ClientTransport } from '../../common/contract/clientTransport';
import { appService, jobsService, mediaService, type JobInfo } from '../../common/services';

/** The three service proxies over one transport, as the renderer builds them. */
export function contractClients(transport: ClientTransport) {
  return { app: createProxy(appService, transport), media: createProxy(mediaService, transport), jobs: createProxy(jobsService, transport) };
}

export type ContractClients = ReturnType<typeof contractClients>;

/** Resolves with the job's final state as seen through the `changed` events only. */
export function waitForJobEnd(clients: ContractClients, jobId: string, seen: JobInfo[] = []): Promise<JobInfo> {
  return new Promise((resolve) => {
    const off = clients.jobs.on('changed', (info) => {
      if (info.id !== jobId) return;
      seen.push(info);
      if (info.state === 'succeeded' || info.state === 'failed' || info.state === 'cancelled') {
        off();
        resolve(info);
      }
    });
  });
}
