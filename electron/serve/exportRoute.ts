import type { ServerResponse } from 'node:http';
import { ExportNotFoundError, resolveExportFolder } from '../services/exports/exportFolder';
import { writeExportZip } from '../services/exports/zipExport';
import { sendText } from './requestGuards';

export const EXPORT_PREFIX = '/exports/';

/** The page's download link for one export (the token rides in the query, as for media: a download cannot send headers). */
export function exportDownloadUrl(name: string, token: string): string {
  return `${EXPORT_PREFIX}${encodeURIComponent(name)}.zip?token=${encodeURIComponent(token)}`;
}

/**
 * GET /exports/<name>.zip?token=… (the token is checked by the caller): the
 * finished export folder <dataDir>/exports/<name>, zipped as it streams out.
 * Only a plain export name resolves (resolveExportFolder); anything else is 404.
 */
export async function serveExportZip(dataDir: string, rawPathname: string, res: ServerResponse, headOnly = false): Promise<void> {
  let name: string;
  try {
    name = decodeURIComponent(rawPathname.slice(EXPORT_PREFIX.length));
  } catch {
    return sendText(res, 404, 'no such export');
  }
  if (!name.endsWith('.zip')) return sendText(res, 404, 'no such export');
  name = name.slice(0, -'.zip'.length);
  let folder: string;
  try {
    folder = await resolveExportFolder(dataDir, name);
  } catch (error) {
    if (error instanceof ExportNotFoundError) return sendText(res, 404, error.message);
    throw error;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.zip"`);
  res.setHeader('Cache-Control', 'private, no-store');
  // A HEAD answers whether the export is there without zipping it for nothing.
  if (headOnly) return void res.end();
  try {
    await writeExportZip(folder, name, res);
    res.end();
  } catch (error) {
    // Headers are gone: cutting the connection makes the browser mark the download failed instead of saving a short zip.
    console.error('groundwork serve: export download failed:', error);
    res.destroy();
  }
}
