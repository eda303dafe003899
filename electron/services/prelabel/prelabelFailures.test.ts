// A whole-folder pre-label run where one file is not an image: real services,
// the real engine worker and onnxruntime running the installed PP-OCRv4
// detector on real photographs. The job must finish, record exactly that one
// file as failed (on disk, across a restart, and in the host log), and a
// retry of only the failed items must label it once the file is fixed.
import { execFileSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { PrelabelJobResultSchema, type ItemPredictions, type JobParams } from '../../common/services';
import { createServices, type Services } from '../createServices';
import { contractClients, waitForJobEnd, type ContractClients } from '../testSupport/contractClients';
import { tempDir } from '../testSupport/fixtureImages';
import { copyRealPhotos, REAL_PHOTOS, realPhotoPath } from './testSupport/realPhotos';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MODEL_ID = 'ppocr-v4-det';

const open: Services[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const services of open.splice(0)) await services.dispose();
});

beforeAll(() => {
  // Idempotent: checks the installed files' hashes, downloads only what is missing.
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/installModels.mjs')], { stdio: 'pipe' });
}, 300_000);

async function host(dataDir: string) {
  const services = await createServices({ dataDir, host: { kind: 'browser', version: '1.0.0', electronVersion: null } });
  open.push(services);
  return { services, clients: contractClients(createMemoryTransport(services.dispatcher)) };
}

async function runToEnd(clients: ContractClients, params: JobParams) {
  const results: ItemPredictions[] = [];
  let jobId: string | undefined;
  clients.jobs.on('itemResult', (e) => {
    if (e.jobId === jobId) results.push(e.result);
  });
  const started = clients.jobs.start({ params });
  // The final 'changed' can only come after start answers: the model load alone takes longer than one call.
  jobId = (await started).jobId;
  const final = await waitForJobEnd(clients, jobId);
  // Events that streamed before the id was known are read back from the job's results.
  const all = (await clients.jobs.results({ jobId, from: 0, limit: 100 })).results.map((r) => r.result);
  return { jobId, final, streamed: results, results: all };
}

describe('a pre-label run with one broken file among real photos', () => {
  it('finishes, records exactly that file as failed with its reason, keeps it across a restart, and a retry labels it once fixed', async () => {
    const dataDir = await tempDir('prelabel-failures-data');
    const mediaDir = await tempDir('prelabel-failures-media');
    const photos = await copyRealPhotos(mediaDir);
    await writeFile(path.join(mediaDir, 'broken.jpg'), 'this is a text file with a .jpg name\n');
    const relPaths: string[] = [photos[0]!, 'broken.jpg', ...photos.slice(1)];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const first = await host(dataDir);
    const clients = first.clients;
    const { rootId } = await clients.media.openFolder({ path: mediaDir });
    const items = relPaths.map((relPath, i) => ({ itemId: `item-${i}`, relPath }));
    const params = { kind: 'prelabel' as const, modelId: MODEL_ID, rootId, projectId: 'p1', thresholds: { confidence: 0.5, iou: 0.5 }, items };
    const run = await runToEnd(clients, params);

    expect(run.final).toMatchObject({ state: 'succeeded', done: 4, total: 4, failed: 1 });
    const result = PrelabelJobResultSchema.parse(run.final.result);
    expect(result).toMatchObject({ modelId: MODEL_ID, items: 4, failed: 1 });
    expect(result.failures).toEqual([{ itemId: 'item-1', relPath: 'broken.jpg', error: expect.stringMatching(/^cannot decode image broken\.jpg: /) as string }]);
    // Every other image was labeled (photos without text get an empty, successful result) at its real size.
    expect(run.results.map((r) => r.ok)).toEqual([true, false, true, true]);
    for (const [i, r] of run.results.entries()) {
      if (!r.ok) continue;
      const size = REAL_PHOTOS[relPaths[i] as keyof typeof REAL_PHOTOS];
      expect(r).toMatchObject({ itemId: `item-${i}`, width: size.width, height: size.height });
    }
    // The host log names the job, the file and the reason.
    const logged = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(run.jobId));
    expect(logged).toEqual([expect.stringMatching(/broken\.jpg failed, the job goes on: cannot decode image broken\.jpg/)]);

    // A restarted host still knows which item failed and why (outcome.json + results.jsonl).
    await first.services.dispose();
    const restarted = (await host(dataDir)).clients;
    expect((await restarted.jobs.get({ jobId: run.jobId })).result).toEqual(run.final.result);

    // "Retry failed": the file is fixed, and a run of only the failed items labels it.
    await copyFile(realPhotoPath('horiz.jpg'), path.join(mediaDir, 'broken.jpg'));
    const retry = await runToEnd(restarted, { ...params, items: result.failures!.map(({ itemId, relPath }) => ({ itemId, relPath })) });
    expect(retry.final).toMatchObject({ state: 'succeeded', done: 1, total: 1, failed: 0 });
    expect(PrelabelJobResultSchema.parse(retry.final.result).failures).toEqual([]);
    expect(retry.results).toEqual([expect.objectContaining({ ok: true, itemId: 'item-1', width: 576, height: 125 })]);
  }, 180_000);
});
