import type { ServiceImpl } from '../../common/contract/defineService';
import type { requesterService } from '../../common/services/requesterService';
import { createChainAccess } from '../chain/chainAccess';
import type { HubClient } from '../hub/hubClient';
import type { HubRegistry } from '../hub/hubRegistry';
import { createDashboardReads } from './dashboardReads';
import { createExportDownload } from './exportDownload';

/**
 * The requester service: the dashboard's reads and the dataset download,
 * over the workstation's one hub client (its sessions and pinned hubs) and
 * its own connections to the pinned chains.
 */
export function createRequesterService(registry: HubRegistry, client: HubClient) {
  const chains = createChainAccess(registry);
  const reads = createDashboardReads(client, chains);
  const exportDataset = createExportDownload(client);
  const service: ServiceImpl<typeof requesterService> = {
    myTasks: ({ hubUrl }) => reads.myTasks(hubUrl),
    taskProgress: ({ hubUrl, taskId }) => reads.taskProgress(hubUrl, taskId),
    exportDataset: (args) => exportDataset(args),
  };
  return { service, dispose: () => chains.dispose() };
}
