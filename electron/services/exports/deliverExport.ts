import { ServiceError } from '../../common/contract/errors';
import type { ExportDeliveryResult } from '../../common/services/mediaService';
import { resolveExportFolder } from './exportFolder';
import { saveExportZip } from './saveExportZip';

/** How this host puts a finished export in the user's hands; each host fills in the one it has. */
export interface ExportDelivery {
  /** Electron: the native save dialog for `<name>.zip`; null when the user cancels. */
  pickSavePath?: (defaultFileName: string) => Promise<string | null>;
  /** Browser host: the token-guarded URL of the zip, which the page downloads through the browser. */
  downloadUrl?: (name: string) => string;
}

/** One export as a zip: saved where the user chooses (Electron) or handed to the browser as a download (browser host). */
export async function deliverExport(dataDir: string, name: string, delivery: ExportDelivery): Promise<ExportDeliveryResult> {
  await resolveExportFolder(dataDir, name);
  if (delivery.pickSavePath) {
    const target = await delivery.pickSavePath(`${name}.zip`);
    if (target === null) return { kind: 'cancelled' };
    await saveExportZip(dataDir, name, target);
    return { kind: 'saved', path: target };
  }
  if (delivery.downloadUrl) return { kind: 'download', url: delivery.downloadUrl(name) };
  throw new ServiceError('this host can neither download nor save an export');
}
