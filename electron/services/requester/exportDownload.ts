import { createHash, randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { taskExportRoute } from '../../../core/hubApi/export';
import { ServiceError } from '../../common/contract/errors';
import type { ExportedDataset, ExportFormat } from '../../common/services/requesterService';
import type { HubClient } from '../hub/hubClient';
import { normalizeHubUrl, routeRequest } from '../hub/hubHttp';
import { checkExportFolder, folderWriteError } from './exportDownloadFolder';
import { zipEntryNames } from './exportDownloadZip';

/** A large task's zip takes a while to build and send; the hub call's usual 30 s would cut it. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;
/** What every Groundwork export holds (hub/export/buildExport.ts); a zip without them is not the dataset. */
const REQUIRED_ENTRIES = ['manifest.json', 'lineage.jsonl'];

/** The file name the hub gives the zip (its content-disposition), made here from the task id so a hub cannot choose it. */
export const exportFileName = (taskId: string, format: ExportFormat) => `${taskId.replace(/[^A-Za-z0-9._-]/g, '_')}-${format}.zip`;

const badDownload = (reason: string) => new ServiceError(`the download was not saved: ${reason}`, { code: 'bad-download' });

/**
 * Streams a response body into `<folder>/<name>`: written to a temporary file
 * in the same folder (so the final rename cannot cross file systems), hashed
 * and counted on the way, flushed to disk, checked (the length the hub
 * announced, a zip directory holding manifest.json and lineage.jsonl), and
 * only then renamed over the target. Any failure — the hub hanging up half
 * way, a short body, a full disk — removes the temporary file: the folder
 * holds the whole dataset or nothing new.
 */
export async function saveDownload(response: Response, folder: string, name: string): Promise<ExportedDataset> {
  if (!response.body) throw badDownload('the hub answered without a body');
  const target = path.join(folder, name);
  const temp = path.join(folder, `.${name}.${randomBytes(6).toString('hex')}.part`);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
  } catch (error) {
    throw folderWriteError(folder, error);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        throw badDownload(`the connection to the hub broke after ${bytes} bytes (${(error as Error).message})`);
      }
      if (read.done) break;
      hash.update(read.value);
      bytes += read.value.byteLength;
      await handle.write(read.value).catch((error: unknown) => {
        void reader.cancel().catch(() => undefined);
        throw folderWriteError(folder, error);
      });
    }
    await handle.sync();
    await handle.close();
    handle = null;
    const announced = response.headers.get('content-length');
    if (announced !== null && Number(announced) !== bytes) throw badDownload(`the hub announced ${announced} bytes and sent ${bytes}`);
    let entries: string[];
    try {
      entries = await zipEntryNames(temp);
    } catch (error) {
      throw badDownload(`what the hub sent is not the dataset: ${(error as Error).message}`);
    }
    const missing = REQUIRED_ENTRIES.filter((e) => !entries.includes(e));
    if (missing.length > 0) throw badDownload(`the zip has no ${missing.join(' or ')}`);
    await rename(temp, target);
    return { path: target, bytes, sha256: hash.digest('hex'), entries: entries.length };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** GET /tasks/:taskId/export as the signed-in wallet, saved whole into the folder the user chose. */
export function createExportDownload(client: HubClient) {
  return async function exportDataset(args: { hubUrl: string; taskId: string; format: ExportFormat; includeDisputed: boolean; folder: string }): Promise<ExportedDataset> {
    // The folder first: a typo is refused before the hub builds a zip for nothing.
    const folder = await checkExportFolder(args.folder);
    const hubUrl = normalizeHubUrl(args.hubUrl);
    const { path: route, request } = routeRequest(taskExportRoute, { params: { taskId: args.taskId }, query: { format: args.format, disputed: args.includeDisputed ? 'include' : 'exclude' } }, { timeoutMs: EXPORT_TIMEOUT_MS });
    const response = await client.authedFetch(hubUrl, route, request);
    return saveDownload(response, folder, exportFileName(args.taskId, args.format));
  };
}
