import type { ExportDeliveryResult } from '../../../electron/common/services/mediaService';
import type { Host } from '../../platform/connectHost';

/**
 * Puts a written export in the user's hands as one zip: the browser host
 * answers a download URL (streamed by the host, so the zip never sits whole
 * in this page) and the browser saves it; Electron asks with its save dialog
 * on the host side and answers where it wrote the zip.
 */
export async function deliverExport(host: Host, name: string): Promise<ExportDeliveryResult> {
  const delivery = await host.media.deliverExport({ name });
  if (delivery.kind === 'download') startDownload(delivery.url, `${name}.zip`);
  return delivery;
}

/** A same-origin link with `download`, clicked: the browser's own download, with its progress and its folder. */
function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** One line for the result box. */
export function deliveryText(delivery: ExportDeliveryResult, name: string): string {
  if (delivery.kind === 'download') return `Downloading ${name}.zip`;
  if (delivery.kind === 'saved') return `Saved ${delivery.path}`;
  return 'Not saved as a zip (cancelled); the export folder is kept';
}
