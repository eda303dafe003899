import { authMeRoute } from '../../../core/hubApi/auth';
import { taskItemsRoute } from '../../../core/hubApi/export';
import { heldMediaRoute, MAX_HELD_QUERY } from '../../../core/hubApi/requesterMedia';
import { createTaskRoute, listTasksRoute } from '../../../core/hubApi/tasks';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { ServiceError } from '../../common/contract/errors';
import type { PublishJobParams, PublishJobResult } from '../../common/services/jobsService';
import type { HubClient } from '../hub/hubClient';
import { HubRequestError, normalizeHubUrl } from '../hub/hubHttp';
import type { HubRegistry } from '../hub/hubRegistry';
import { candidateConfig, configChangedError, pinnedChanges, untrustedHubError } from '../hub/pinnedValues';
import type { JobContext, JobHandler } from '../jobs/jobRunner';
import type { RootStore } from '../media/rootStore';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { checkProjectFiles, EMPTY_PROJECT, type LocalMedia } from './publishFiles';
import { callRoute, putMediaFile } from './publishHubCalls';
import { createPublishedTasks, type PendingTask, type PublishedTasks } from './publishedTasks';

export interface PublishJobDeps {
  dataDir: string;
  client: HubClient;
  registry: HubRegistry;
  keys: WalletKeys;
  roots: RootStore;
  /** Tests pass their own; default `<dataDir>/requester/published.json`. */
  published?: PublishedTasks;
  /** Waits between upload attempts after a network failure (tests shorten them). */
  retryDelaysMs?: readonly number[];
}

const refuse = (message: string, code: string) => new ServiceError(message, { code });
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** How many first items identify a task whose creation answer was lost. */
const IDENTIFYING_ITEMS = 50;

/**
 * Everything that must hold before a single byte is sent: the hub is one the
 * user trusted and it still announces what was pinned; the wallet is
 * unlocked; the wallet has the requester role there (signing in if needed).
 */
async function checkHubAndWallet(deps: PublishJobDeps, hubUrl: string, signal: AbortSignal): Promise<string> {
  const pinned = (await deps.registry.get(hubUrl))?.config;
  if (!pinned) throw untrustedHubError(hubUrl);
  let address: string;
  try {
    address = deps.keys.signer().address;
  } catch {
    throw refuse('the wallet is locked: unlock it in the Network view, then publish again (the task is created and its media uploaded as this wallet)', 'locked');
  }
  const live = await deps.client.fetchConfig(hubUrl);
  const changes = pinnedChanges(pinned, candidateConfig(live, pinned).config);
  if (changes.length > 0) throw configChangedError(hubUrl, changes);
  const me = await callRoute(deps.client, hubUrl, authMeRoute, {}, { signal });
  if (!me.roles.includes('requester')) {
    throw refuse(`${me.address} may not publish tasks on ${hubUrl}: ask the hub's operator to run \`npm run hub -- grant requester ${me.address}\`, then publish again`, 'not-requester');
  }
  return address;
}

/**
 * A task whose creation was sent but never answered: looked up on the hub
 * (this wallet's tasks with the same title and item count, whose first items
 * are the same files in the same order). Null when the hub never made it.
 */
async function findPendingTask(deps: PublishJobDeps, hubUrl: string, pending: PendingTask, known: Set<string>, signal: AbortSignal): Promise<string | null> {
  const { tasks } = await callRoute(deps.client, hubUrl, listTasksRoute, {}, { signal });
  const candidates = tasks.filter((t) => t.requester.toLowerCase() === pending.requester.toLowerCase() && t.title === pending.title && t.itemCount === pending.itemCount && !known.has(t.taskId));
  for (const candidate of candidates) {
    const page = await callRoute(deps.client, hubUrl, taskItemsRoute, { params: { taskId: candidate.taskId }, query: { limit: pending.firstItems.length } }, { signal });
    if (page.items.map((i) => i.sha256).join() === pending.firstItems.join()) return candidate.taskId;
  }
  return null;
}

/** The media to send once each (an example may also be an item): items first, in order. */
function uniqueMedia(items: LocalMedia[], examples: LocalMedia[]): LocalMedia[] {
  const seen = new Map<string, LocalMedia>();
  for (const m of [...items, ...examples]) if (!seen.has(m.sha256)) seen.set(m.sha256, m);
  return [...seen.values()];
}

async function heldOnHub(deps: PublishJobDeps, hubUrl: string, media: LocalMedia[], signal: AbortSignal): Promise<Set<string>> {
  const held = new Set<string>();
  for (let at = 0; at < media.length; at += MAX_HELD_QUERY) {
    const sha256s = media.slice(at, at + MAX_HELD_QUERY).map((m) => m.sha256);
    for (const sha of (await callRoute(deps.client, hubUrl, heldMediaRoute, { body: { sha256s } }, { signal })).held) held.add(sha);
  }
  return held;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** One file sent, retried after network failures; a refusal names the file. */
async function uploadOne(deps: PublishJobDeps, hubUrl: string, media: LocalMedia, signal: AbortSignal, onSent: (bytes: number) => void): Promise<void> {
  const delays = deps.retryDelaysMs ?? [1000, 4000, 15_000];
  for (let attempt = 0; ; attempt++) {
    try {
      await putMediaFile(deps.client, deps.registry, hubUrl, media, signal, onSent);
      return;
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof HubRequestError && error.failure.kind === 'network' && attempt < delays.length) {
        await sleep(delays[attempt]!, signal);
        continue;
      }
      if (error instanceof HubRequestError && error.failure.code === 'media_hash_mismatch') {
        throw refuse(`${media.relPath} changed while it was being published (the hub received other bytes than the ones checked): restore it and publish again`, 'file-changed');
      }
      if (error instanceof HubRequestError) throw new HubRequestError({ ...error.failure, reason: `${media.relPath}: ${error.failure.reason}` });
      throw error;
    }
  }
}

/**
 * The 'publish' job: a local image or video project becomes a hub task
 * (video items with the frame count and rate of the workstation's own probe,
 * and the task's agreement thresholds when the requester set them).
 *
 * 1. Refusals before anything is sent: an empty project, a hub not trusted
 *    (or announcing other values than pinned), a locked wallet, a wallet
 *    without the requester role, a project already published on this hub
 *    (unless `republish`), a file missing, changed since intake, or twice.
 * 2. Every file hashed (streaming); the hub says which it already holds for
 *    this wallet (`POST /media/held`): those are skipped, the rest streamed
 *    with `PUT /media/:sha256`. Progress is bytes (done/total) for an ETA.
 * 3. `POST /tasks`, marked pending first, so a run that stops before the
 *    answer is recorded finds the task on the hub instead of making another.
 *
 * Resumable: it keeps no per-file state — a resumed (or repeated) run hashes
 * again and skips what the hub says it holds, so each file reaches the hub once.
 */
export function createPublishJob(deps: PublishJobDeps): JobHandler<PublishJobParams> {
  const published = deps.published ?? createPublishedTasks(deps.dataDir);
  return async (params, context: JobContext): Promise<PublishJobResult> => {
    const { signal, progress, jobId } = context;
    const hubUrl = normalizeHubUrl(params.hubUrl);
    if (params.items.length === 0) throw refuse(EMPTY_PROJECT, 'empty-project');
    progress(0, 0, 'checking the hub and the wallet');
    const requester = await checkHubAndWallet(deps, hubUrl, signal);

    const result = (taskId: string, counts: { uploaded: number; skipped: number; bytesUploaded: number; maxSpend: string | null; recovered: boolean; examples: string[] }): PublishJobResult => ({
      hubUrl,
      projectId: params.projectId,
      taskId,
      task: taskIdToBytes32(taskId),
      title: params.terms.title,
      itemCount: params.items.length,
      honeypots: params.honeypots.length,
      ...counts,
    });
    const recoveredResult = (taskId: string) => result(taskId, { uploaded: 0, skipped: 0, bytesUploaded: 0, maxSpend: null, recovered: true, examples: [] });

    // An earlier run of this very job made the task (its answer was recorded, or the task is found on the hub).
    let record = await published.get(hubUrl, params.projectId);
    const mine = record.tasks.find((t) => t.jobId === jobId);
    if (mine) return recoveredResult(mine.taskId);
    if (record.pending) {
      const found = await findPendingTask(deps, hubUrl, record.pending, new Set(record.tasks.map((t) => t.taskId)), signal);
      if (found) {
        await published.recordPublished(hubUrl, params.projectId, { taskId: found, title: record.pending.title, publishedAt: record.pending.sentAt, jobId: record.pending.jobId });
        if (record.pending.jobId === jobId) return recoveredResult(found);
      } else {
        await published.clearPending(hubUrl, params.projectId);
      }
      record = await published.get(hubUrl, params.projectId);
    }
    const earlier = record.tasks.at(-1);
    if (earlier && !params.republish) {
      throw refuse(
        `this project is already published on ${hubUrl} as task ${earlier.taskId} ("${earlier.title}", ${earlier.publishedAt}): open it in the requester dashboard to fund or follow it, or choose "Publish again" to make a second task`,
        'already-published',
      );
    }

    const rootPath = await deps.roots.pathOf(params.rootId);
    const files = await checkProjectFiles(rootPath, params, signal, (done, total, bytes) => progress(0, 0, `checking files ${done}/${total} · ${mib(bytes)} read`));

    const media = uniqueMedia(files.items, files.examples);
    progress(0, 0, 'asking the hub which files it already holds');
    const held = await heldOnHub(deps, hubUrl, media, signal);
    const toSend = media.filter((m) => !held.has(m.sha256));
    const totalBytes = media.reduce((sum, m) => sum + m.size, 0);
    const skippedBytes = media.filter((m) => held.has(m.sha256)).reduce((sum, m) => sum + m.size, 0);
    let bytesUploaded = 0;
    const report = (sent: number, index: number) =>
      progress(skippedBytes + bytesUploaded + sent, totalBytes, `uploading ${index}/${toSend.length} files · ${held.size} already on the hub · ${mib(skippedBytes + bytesUploaded + sent)} of ${mib(totalBytes)}`);
    report(0, 0);
    for (const [index, file] of toSend.entries()) {
      if (signal.aborted) throw signal.reason;
      await uploadOne(deps, hubUrl, file, signal, (sent) => report(sent, index));
      bytesUploaded += file.size;
      report(0, index + 1);
    }

    progress(totalBytes, totalBytes, 'creating the task');
    const { terms } = params;
    const honeypotShas = new Map(files.items.map((m) => [m.relPath, m.sha256]));
    const body = {
      title: terms.title,
      labelSchema: terms.labelSchema,
      redundancy: terms.redundancy,
      rewardPerItem: terms.rewardPerItem,
      reviewerFee: terms.reviewerFee,
      level: terms.level,
      instructions: terms.instructions,
      examples: files.examples.map((e) => e.sha256),
      items: params.items.map((item, i) => ({ sha256: files.items[i]!.sha256, fileName: item.fileName, width: item.width, height: item.height, ...(item.video ? { video: item.video } : {}) })),
      honeypots: params.honeypots.map((h) => ({ sha256: honeypotShas.get(h.relPath)!, shapes: h.shapes })),
      ...(terms.deadline ? { deadline: terms.deadline } : {}),
      ...(terms.rewardToken ? { rewardToken: terms.rewardToken } : {}),
      ...(terms.consensus ? { consensus: terms.consensus } : {}),
    };
    const sentAt = new Date().toISOString();
    await published.markPending(hubUrl, params.projectId, { jobId, sentAt, requester, title: terms.title, itemCount: body.items.length, firstItems: body.items.slice(0, IDENTIFYING_ITEMS).map((i) => i.sha256) });
    let created;
    try {
      created = await callRoute(deps.client, hubUrl, createTaskRoute, { body }, { signal, timeoutMs: 10 * 60_000 });
    } catch (error) {
      // A refusal stores nothing on the hub; an unanswered request may have: the pending mark stays for the next run to look up.
      if (error instanceof HubRequestError && error.failure.kind === 'rejected') {
        await published.clearPending(hubUrl, params.projectId);
        throw new HubRequestError({ ...error.failure, reason: `the hub refused the task: ${error.failure.reason}` });
      }
      throw error;
    }
    await published.recordPublished(hubUrl, params.projectId, { taskId: created.taskId, title: terms.title, publishedAt: sentAt, jobId });
    return result(created.taskId, { uploaded: toSend.length, skipped: held.size, bytesUploaded, maxSpend: created.maxSpend, recovered: false, examples: body.examples });
  };
}
