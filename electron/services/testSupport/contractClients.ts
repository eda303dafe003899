import { createProxy } from '../../common/contract/createProxy';
import type { ClientTransport } from '../../common/contract/clientTransport';
import { appService, inferenceService, jobsService, mediaService, videoService, type JobInfo } from '../../common/services';

/** Every service proxy over one transport, as the renderer builds them. */
export function contractClients(transport: ClientTransport) {
  return {
    app: createProxy(appService, transport),
    media: createProxy(mediaService, transport),
    jobs: createProxy(jobsService, transport),
    inference: createProxy(inferenceService, transport),
    video: createProxy(videoService, transport),
  };
}

export type ContractClients = ReturnType<typeof contractClients>;

/** Resolves with the job's final state as seen through the `changed` events only. */
export function waitForJobEnd(clients: ContractClients, jobId: string, seen: JobInfo[] = []): Promise<JobInfo> {
  return new Promise((resolve) => {
    const off = clients.jobs.on('changed', (info) => {
      if (info.id !== jobId) return;
      seen.push(info);
      if (info.state === 'succeeded' || info.state === 'failed' || info.state === 'cancelled' || info.state === 'interrupted') {
        off();
        resolve(info);
      }
    });
  });
}
