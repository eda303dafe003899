import type { ExportDelivery } from '../exports/deliverExport';
import type { ServiceImpl } from '../../common/contract/defineService';
import type { appService } from '../../common/services/appService';

export interface HostInfo {
  kind: 'electron' | 'browser';
  version: string;
  electronVersion: string | null;
  /** The native folder dialog where the host has one; the browser host has none. */
  pickFolder?: (title: string | undefined) => Promise<string | null>;
  /** How exports reach the user: Electron's save dialog, or the browser host's download URL. */
  exportDelivery?: ExportDelivery;
}

export function createAppService(dataDir: string, host: HostInfo): ServiceImpl<typeof appService> {
  return {
    getInfo: async () => ({
      name: 'Groundwork',
      version: host.version,
      host: host.kind,
      platform: process.platform,
      nodeVersion: process.versions.node,
      electronVersion: host.electronVersion,
      dataDir,
    }),
    pickFolder: async ({ title }) => ({ path: host.pickFolder ? await host.pickFolder(title) : null }),
  };
}
