import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignWorkRoute } from '../../../core/hubApi/tasks';
import { probeVideo } from '../../../native/video';
import { fixture } from '../../../native/video/testSupport/fixtures';
import { createDispatcher } from '../../common/contract/createDispatcher';
import { createProxy } from '../../common/contract/createProxy';
import { createEventBus } from '../../common/contract/eventBus';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { PublishJobParamsSchema, walletService, type JobInfo, type PublishJobParams, type PublishJobResult } from '../../common/services';
import { createJobFolders } from '../jobs/jobFolders';
import { createJobRunner, type JobHandler } from '../jobs/jobRunner';
import { createPersistedJobs } from '../jobs/persistedJobs';
import { localAccount, localOperator } from '../localNetwork/localHubAccounts';
import { startLocalNetwork, type LocalNetwork } from '../localNetwork/startLocalNetwork';
import { createRootStore, type RootStore } from '../media/rootStore';
import { createNetworkServices, type NetworkServices } from '../networkServices';
import { copyRealPhotos, REAL_PHOTOS } from '../prelabel/testSupport/realPhotos';
import { makeJpeg, writeFiles } from '../testSupport/fixtureImages';
import { createPublishJob } from './publishJob';

// The publish job against a real hub on PGlite (the local network: anvil + hub in a child process), with
// the workstation's own wallet, hub client and media roots. Every request the job sends is seen by a
// wrapper around fetch, so "nothing was uploaded" and "each file reached the hub once" are counted, not assumed.

let dataDir: string;
let network: LocalNetwork;
let services: NetworkServices;
let roots: RootStore;
let wallet: ReturnType<typeof createProxy<typeof walletService>>;
let address: string;
const realFetch = globalThis.fetch;
/** Every PUT /media the hub answered, and a hook to act on requests as they pass. */
const puts: { sha256: string; status: number }[] = [];
let onRequest: ((method: string, url: string, response: Response) => Response | Promise<Response>) | null = null;

const sha256Of = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const schema = { classes: [{ id: 'c1', name: 'cliff', color: '#ff0000', attributes: [] }, { id: 'c2', name: 'sky', color: '#0000ff', attributes: [] }] };

let hue = 0;
/** A folder of `extra` generated JPEGs (each unlike any other) after the real photos unless `photos` is false, granted as a media root, and the job's items for it. */
async function project(label: string, extra: number, photos = true) {
  const folder = await mkdtemp(path.join(dataDir, `${label}-`));
  const names: string[] = photos ? await copyRealPhotos(folder) : [];
  for (let i = 0; i < extra; i++) {
    await writeFiles(folder, { [`more/${label}-${i}.jpg`]: await makeJpeg(320, 240, (hue += 37)) });
    names.push(`more/${label}-${i}.jpg`);
  }
  const root = await roots.grant(folder);
  const items = await Promise.all(
    names.map(async (relPath) => {
      const size = REAL_PHOTOS[relPath as keyof typeof REAL_PHOTOS] ?? { width: 320, height: 240 };
      return { relPath, fileName: relPath, ...size, sha256: await sha256Of(path.join(folder, relPath)) };
    }),
  );
  return { folder, rootId: root.rootId, items };
}

function params(p: Awaited<ReturnType<typeof project>>, patch: Partial<PublishJobParams> = {}): PublishJobParams {
  return PublishJobParamsSchema.parse({
    kind: 'publish',
    hubUrl: network.hubUrl,
    projectId: `project-${p.rootId}`,
    rootId: p.rootId,
    items: p.items,
    terms: { title: `photos ${p.rootId}`, labelSchema: schema, redundancy: 3, rewardPerItem: '500000000000000000', reviewerFee: '100000000000000000', instructions: '# Box every cliff\nTight boxes.' },
    examples: [{ relPath: p.items[0]!.relPath }],
    honeypots: [{ relPath: p.items[1]!.relPath, shapes: [{ className: 'cliff', box: { x: 10, y: 10, w: 100, h: 50 } }] }],
    ...patch,
  });
}

function context(signal = new AbortController().signal) {
  const seen: { done: number; total: number; message?: string }[] = [];
  return { seen, ctx: { jobId: `job-${Math.random()}`, signal, progress: (done: number, total: number, message?: string) => void seen.push({ done, total, message }) } };
}

const publishJob = () => createPublishJob({ dataDir, client: services.client, registry: services.registry, keys: services.walletKeys, roots, retryDelaysMs: [10, 10] });

async function refusal(p: PublishJobParams): Promise<{ message: string; code: unknown }> {
  const before = puts.length;
  const error = (await publishJob()(p, context().ctx).then(
    () => null,
    (e: unknown) => e,
  )) as { message: string; details?: { code?: unknown } } | null;
  expect(error, 'the publish was expected to be refused').not.toBeNull();
  expect(puts.length, 'nothing may be uploaded before a refusal').toBe(before);
  return { message: error!.message, code: error!.details?.code };
}

async function hubTask(taskId: string) {
  return services.client.authed<{ title: string; redundancy: number; rewardPerItem: string; reviewerFee: string; itemCount: number; examples: string[]; instructions: string; requester: string }>(network.hubUrl, `/tasks/${taskId}`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-publish-'));
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    let response = await realFetch(input, init);
    const put = /\/media\/([0-9a-f]{64})$/.exec(url);
    if (method === 'PUT' && put) puts.push({ sha256: put[1]!, status: response.status });
    if (onRequest) response = await onRequest(method, url, response);
    return response;
  };
  network = await startLocalNetwork({ dataDir });
  const events = createEventBus();
  roots = createRootStore(dataDir);
  services = await createNetworkServices(dataDir, roots, events, { wallet: { scrypt: { n: 1 << 12, r: 8, p: 1 } }, localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl } });
  wallet = createProxy(walletService, createMemoryTransport(createDispatcher(services.registrations, { events })));
  address = (await wallet.create({ password: 'correct horse' })).address!;
}, 180_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await services?.dispose();
  await network?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('publish job: refusals before anything is sent', () => {
  it('refuses a hub that was never trusted, a locked wallet, a wallet without the requester role and an empty project', async () => {
    const p = await project('refusals', 0);
    expect(await refusal(params(p, { hubUrl: 'http://127.0.0.1:9' }))).toMatchObject({ code: 'untrusted-hub' });

    await wallet.lock({});
    expect(await refusal(params(p))).toMatchObject({ code: 'locked', message: expect.stringContaining('unlock it') });
    await wallet.unlock({ password: 'correct horse' });

    const notRequester = await refusal(params(p));
    expect(notRequester.code).toBe('not-requester');
    expect(notRequester.message).toContain(`npm run hub -- grant requester ${address}`);

    expect(await refusal(params(p, { items: [], examples: [], honeypots: [] }))).toMatchObject({ code: 'empty-project' });
  });

  it('refuses (once the operator granted the role) a file that vanished or changed since it was added, naming it', async () => {
    await localOperator().authed(network.hubUrl, `/accounts/${address}/roles`, { method: 'POST', body: { role: 'requester' } });
    const p = await project('files', 1);
    const extra = p.items.at(-1)!;
    await writeFile(path.join(p.folder, extra.relPath), await makeJpeg(320, 240, (hue += 37)));
    expect(await refusal(params(p))).toMatchObject({ code: 'file-changed', message: expect.stringContaining(extra.relPath) });
    await rm(path.join(p.folder, extra.relPath));
    expect(await refusal(params(p))).toMatchObject({ code: 'file-missing', message: expect.stringContaining(extra.relPath) });
    const twin = { ...p.items[0]!, relPath: 'twin.jpg', fileName: 'twin.jpg' };
    await writeFile(path.join(p.folder, 'twin.jpg'), await readFile(path.join(p.folder, p.items[0]!.relPath)));
    expect(await refusal(params(p, { items: [p.items[0]!, p.items[1]!, twin] }))).toMatchObject({ code: 'duplicate-image' });
    expect(await refusal(params(p, { honeypots: [{ relPath: p.items[1]!.relPath, shapes: [{ className: 'tree', box: { x: 0, y: 0, w: 1, h: 1 } }] }] }))).toMatchObject({ code: 'honeypot-class' });
  });
});

describe('publish job: upload, skip what the hub holds, create the task', () => {
  let first: PublishJobResult;
  let p: Awaited<ReturnType<typeof project>>;

  it('uploads every file once, reports bytes, and creates the task with the terms, examples and honeypots given', async () => {
    p = await project('upload', 2);
    const { ctx, seen } = context();
    const before = puts.length;
    first = (await publishJob()(params(p), ctx)) as PublishJobResult;
    const sizes = await Promise.all(p.items.map(async (i) => (await readFile(path.join(p.folder, i.relPath))).length));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(first).toMatchObject({ uploaded: p.items.length, skipped: 0, bytesUploaded: total, itemCount: p.items.length, honeypots: 1, recovered: false, examples: [p.items[0]!.sha256] });
    expect(puts.slice(before).map((x) => x.sha256).sort()).toEqual(p.items.map((i) => i.sha256).sort());
    // Progress in bytes, never backwards while uploading, ending at the total.
    const uploading = seen.filter((s) => s.total > 0);
    expect(uploading.at(-1)).toMatchObject({ done: total, total });
    expect(uploading.every((s, i) => i === 0 || s.done >= uploading[i - 1]!.done)).toBe(true);
    expect(seen.some((s) => s.message?.startsWith('uploading 1/'))).toBe(true);

    const task = await hubTask(first.taskId);
    expect(task).toMatchObject({ title: `photos ${p.rootId}`, redundancy: 3, rewardPerItem: '500000000000000000', reviewerFee: '100000000000000000', itemCount: p.items.length, examples: [p.items[0]!.sha256], instructions: '# Box every cliff\nTight boxes.', requester: address });
  });

  it('refuses to publish the same project again without saying so, and with "publish again" skips every file the hub holds', async () => {
    expect(await refusal(params(p))).toMatchObject({ code: 'already-published', message: expect.stringContaining(first.taskId) });
    const before = puts.length;
    const again = (await publishJob()(params(p, { republish: true }), context().ctx)) as PublishJobResult;
    expect(puts.length).toBe(before);
    expect(again).toMatchObject({ uploaded: 0, skipped: p.items.length, bytesUploaded: 0 });
    expect(again.taskId).not.toBe(first.taskId);
  });
});

describe('publish job: interrupted and resumed', () => {
  it('resumes after a host stop mid-upload; the hub receives each file once', async () => {
    const p = await project('resume', 5, false);
    const unused: JobHandler = async () => {
      throw new Error('not used here');
    };
    const boot = async () => {
      const folders = createJobFolders(dataDir);
      const changes: JobInfo[] = [];
      let persisted: ReturnType<typeof createPersistedJobs> | undefined;
      const runner = createJobRunner({
        handlers: { intake: unused, prelabel: unused, shots: unused, autotrack: unused, download: unused, publish: publishJob() },
        onChange: (info) => {
          changes.push(info);
          persisted?.recordOutcome(info);
        },
        progressIntervalMs: 0,
      });
      persisted = createPersistedJobs(folders, runner);
      await persisted.restore();
      const ended = (jobId: string) =>
        new Promise<JobInfo>((resolve) => {
          const poll = setInterval(() => {
            const info = runner.get(jobId);
            if (['succeeded', 'failed', 'cancelled', 'interrupted'].includes(info.state)) resolve((clearInterval(poll), info));
          }, 20);
        });
      return { runner, persisted, changes, ended };
    };

    const before = puts.length;
    const host1 = await boot();
    // The host stops once two files are on the hub.
    onRequest = (method, url, response) => {
      if (method === 'PUT' && puts.length - before === 2) void host1.runner.shutdown();
      return response;
    };
    const jobId = await host1.persisted.start(params(p));
    expect((await host1.ended(jobId)).state).toBe('interrupted');
    onRequest = null;
    await host1.persisted.flush();
    expect(puts.length - before).toBe(2);

    const host2 = await boot();
    expect(host2.runner.get(jobId)).toMatchObject({ state: 'interrupted', resumable: true, subject: { projectId: `project-${p.rootId}` } });
    host2.runner.resume(jobId);
    const done = await host2.ended(jobId);
    expect(done.state, done.error).toBe('succeeded');
    expect(done.result).toMatchObject({ uploaded: p.items.length - 2, skipped: 2 });
    const sent = puts.slice(before).map((x) => x.sha256);
    expect(sent.sort()).toEqual(p.items.map((i) => i.sha256).sort());
  });

  it('finds the task on the hub when the answer to its creation was lost, instead of making a second one', async () => {
    const p = await project('lost-answer', 2, false);
    onRequest = (method, url, response) => {
      if (method === 'POST' && url.endsWith('/tasks')) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return response;
    };
    const lost = await publishJob()(params(p), context().ctx).then(
      () => null,
      (e: unknown) => e as Error,
    );
    onRequest = null;
    expect(lost?.message).toMatch(/ECONNRESET/);
    const refused = await refusal(params(p));
    expect(refused.code).toBe('already-published');
    const { tasks } = await services.client.authed<{ tasks: { taskId: string; title: string }[] }>(network.hubUrl, '/tasks');
    const made = tasks.filter((t) => t.title === `photos ${p.rootId}`);
    expect(made).toHaveLength(1);
    expect(refused.message).toContain(made[0]!.taskId);
  });
});

describe('publish job: a video project', () => {
  it('uploads the clip and creates a video task: each item with the frame count and rate of the local probe, the agreement thresholds with it', async () => {
    const folder = await mkdtemp(path.join(dataDir, 'video-'));
    const source = await fixture('bframes');
    await writeFile(path.join(folder, 'clip.mp4'), await readFile(source));
    const probe = await probeVideo(source);
    const root = await roots.grant(folder);
    const item = { relPath: 'clip.mp4', fileName: 'clip.mp4', width: probe.width, height: probe.height, sha256: await sha256Of(path.join(folder, 'clip.mp4')), video: { frameCount: probe.info.frameCount, fps: probe.info.fps } };
    const videoParams = PublishJobParamsSchema.parse({
      kind: 'publish',
      hubUrl: network.hubUrl,
      projectId: `project-${root.rootId}`,
      rootId: root.rootId,
      items: [item],
      terms: { title: `clip ${root.rootId}`, labelSchema: schema, redundancy: 2, rewardPerItem: '1000', consensus: { trackIouThreshold: 0.7, boundaryTolerance: 3 } },
    });
    const before = puts.length;
    const result = (await publishJob()(videoParams, context().ctx)) as PublishJobResult;
    expect(result).toMatchObject({ uploaded: 1, itemCount: 1 });
    expect(puts.slice(before).map((x) => x.sha256)).toEqual([item.sha256]);
    const task = await services.client.authed<{ consensus: Record<string, number> }>(network.hubUrl, `/tasks/${result.taskId}`);
    expect(task.consensus).toMatchObject({ trackIouThreshold: 0.7, boundaryTolerance: 3, frameIouThreshold: 0.5 });
    // An annotator is handed the item as a video of that many frames.
    const annotator = localAccount(Wallet.createRandom().privateKey);
    const { items } = await annotator.client.call(network.hubUrl, assignWorkRoute, { params: { taskId: result.taskId }, body: { count: 5 } });
    expect(items).toMatchObject([{ sha256: item.sha256, fileName: 'clip.mp4', video: { frameCount: probe.info.frameCount, fps: probe.info.fps } }]);
  });

  it('refuses a project mixing videos and images before anything is sent, and a video file listed as an image', async () => {
    const p = await project('mixed', 2, false);
    const folder = p.folder;
    await writeFile(path.join(folder, 'clip.mp4'), await readFile(await fixture('bframes')));
    const clip = { relPath: 'clip.mp4', fileName: 'clip.mp4', width: 320, height: 240, sha256: await sha256Of(path.join(folder, 'clip.mp4')), video: { frameCount: 120, fps: 30 } };
    const mixed = await refusal(params(p, { items: [...p.items, clip], examples: [], honeypots: [] }));
    expect(mixed).toMatchObject({ code: 'mixed-media', message: expect.stringContaining('mixes 1 video and 2 images') });
    const { video: _video, ...asImage } = clip;
    expect(await refusal(params(p, { items: [asImage], examples: [], honeypots: [] }))).toMatchObject({ code: 'file-refused', message: expect.stringContaining('clip.mp4') });
  });
});
