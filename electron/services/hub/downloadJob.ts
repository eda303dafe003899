import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadJobResult } from '../../common/services/hubService';
import type { JobParams } from '../../common/services/jobsService';
import type { JobContext } from '../jobs/jobRunner';
import type { RootStore } from '../media/rootStore';
import type { HubClient } from './hubClient';
import { HubRequestError, normalizeHubUrl } from './hubHttp';
import { fetchMedia, type MediaSession } from './mediaFetch';

export type DownloadParams = Extract<JobParams, { kind: 'download' }>;

/** A file or folder name from text that came from a hub: anything but [A-Za-z0-9._-] becomes '_', never '.' or '..'. */
export function safeName(text: string): string {
  const name = text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  return /^\.*$/.test(name) ? `_${name}` : name;
}

/** `<dataDir>/hubs/<host>/<taskId>/`: one media folder per hub task. */
export function taskMediaDir(dataDir: string, hubUrl: string, taskId: string): string {
  return path.join(dataDir, 'hubs', safeName(new URL(hubUrl).host), safeName(taskId));
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The most one media file may be: the hub's own ceiling on object storage (one S3 CopyObject). A hub or store that sends more is cut off. */
export const MAX_MEDIA_BYTES = 5 * 1024 ** 3;

/** The answer for one media file from byte `from` on (200 whole, 206 from `from`), redirects already followed. */
type MediaFetcher = (sha256: string, from: number, signal: AbortSignal) => Promise<Response>;

function tooLarge(target: string, maxBytes: number): Error {
  return new Error(`${path.basename(target)}: the hub sent more than ${maxBytes} bytes; removed it`);
}

/** A 206 must continue exactly where the part file ends, or appending would splice other bytes in. */
function resumesAt(response: Response, have: number): boolean {
  const start = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  return start !== undefined && Number(start) === have;
}

/**
 * Fetches one file into `<final>.part`, continuing a previous partial file
 * with a Range request, then checks its sha256 and renames it into place.
 * A hash mismatch, an answer past `maxBytes` or a range that does not
 * continue the part file deletes the partial file, so the next run starts clean.
 */
async function downloadOne(fetchFrom: MediaFetcher, maxBytes: number, sha256: string, target: string, signal: AbortSignal, onBytes: (n: number) => void): Promise<number> {
  const existing = await sizeOf(target);
  if (existing !== null) return existing;
  const part = `${target}.part`;
  const have = (await sizeOf(part)) ?? 0;
  let response: Response | null;
  try {
    response = await fetchFrom(sha256, have, signal);
  } catch (error) {
    // 416: the partial file already holds every byte (the run stopped before the rename); just verify it.
    if (!(error instanceof HubRequestError && error.failure.status === 416 && have > 0)) throw error;
    response = null;
  }
  const appending = response === null || response.status === 206;
  let written = appending ? have : 0;
  const refuse = async (error: Error) => {
    await response?.body?.cancel().catch(() => undefined);
    await rm(part, { force: true });
    return error;
  };
  if (response?.status === 206 && !resumesAt(response, have)) {
    throw await refuse(new Error(`${path.basename(target)}: asked for bytes from ${have}, got ${response.headers.get('content-range') ?? 'no Content-Range'}; removed the partial file, run the download again`));
  }
  if (written + Number(response?.headers.get('content-length') ?? 0) > maxBytes) throw await refuse(tooLarge(target, maxBytes));
  const handle = await open(part, appending ? 'a' : 'w');
  let overflow = false;
  try {
    if (response?.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        written += chunk.byteLength;
        // Leaving the loop cancels the body: an endless answer stops here.
        if (written > maxBytes) {
          overflow = true;
          break;
        }
        await handle.write(chunk);
        onBytes(chunk.byteLength);
      }
    }
  } finally {
    await handle.close();
  }
  if (overflow) throw await refuse(tooLarge(target, maxBytes));
  const actual = await sha256Of(part);
  if (actual !== sha256) {
    await rm(part, { force: true });
    throw new Error(`${path.basename(target)}: the hub sent data whose sha256 is ${actual}, not ${sha256}; removed it, run the download again`);
  }
  await rename(part, target);
  return (await sizeOf(target))!;
}

/**
 * The 'download' job: a hub task's media for offline work. Each file is named
 * `<sha256><ext>` (ext from the hub's file name), so a file already there and
 * verified is never fetched again; an interrupted file resumes with Range.
 * The folder is granted as a media root so the renderer reads it like any other.
 * Every request goes through the client's media session (mediaFetch.ts):
 * a hub's redirect to its object store is checked before it is followed,
 * and no hub credential reaches the store.
 */
export interface DownloadOptions {
  /** Tests: sessions other than the client's own (`client.mediaSession`). */
  session?: MediaSession;
  /** Tests: a lower cap than MAX_MEDIA_BYTES. */
  maxBytes?: number;
}

export type DownloadJob = (params: DownloadParams, context: JobContext) => Promise<DownloadJobResult>;

export function createDownloadJob(dataDir: string, client: HubClient, roots: RootStore, { session, maxBytes = MAX_MEDIA_BYTES }: DownloadOptions = {}): DownloadJob {
  return async (params, { signal, progress }) => {
    const hubUrl = normalizeHubUrl(params.hubUrl);
    const media = session ?? client.mediaSession;
    const fetchFrom: MediaFetcher = (sha256, from, s) => fetchMedia(media, hubUrl, sha256, from, s);
    const dir = taskMediaDir(dataDir, hubUrl, params.taskId);
    await mkdir(dir, { recursive: true });
    const files: DownloadJobResult['files'] = [];
    let received = 0;
    const total = params.items.length;
    progress(0, total, `downloading ${total} files`);
    for (const [index, item] of params.items.entries()) {
      if (signal.aborted) break;
      const relPath = `${item.sha256}${safeName(path.extname(item.fileName).toLowerCase())}`;
      const bytes = await downloadOne(fetchFrom, maxBytes, item.sha256, path.join(dir, relPath), signal, (n) => {
        received += n;
        progress(index, total, `${index}/${total} files · ${(received / 2 ** 20).toFixed(1)} MiB`);
      });
      files.push({ sha256: item.sha256, relPath, bytes });
      progress(index + 1, total, `${index + 1}/${total} files · ${(received / 2 ** 20).toFixed(1)} MiB`);
    }
    const root = await roots.grant(dir);
    const result: DownloadJobResult = { hubUrl, taskId: params.taskId, rootId: root.rootId, rootPath: root.path, files };
    return result;
  };
}
