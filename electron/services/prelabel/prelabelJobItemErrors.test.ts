// Which errors stop a pre-label job. The predictor here is a stand-in that
// throws what the engine throws (a decoder crash on one image's output, a
// model that cannot load); the job handler, its results log and job folder
// are the real ones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemPredictions } from '../../common/services/inferenceService';
import type { JobParams, PrelabelJobResult } from '../../common/services/jobsService';
import type { ItemPredictor } from '../inference/itemPredictor';
import { createJobFolders } from '../jobs/jobFolders';
import type { RootStore } from '../media/rootStore';
import { tempDir } from '../testSupport/fixtureImages';
import { createPrelabelJob } from './prelabelJob';

type PrelabelParams = Extract<JobParams, { kind: 'prelabel' }>;
const JOB_ID = '00000000-0000-4000-8000-000000000001';

class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** Predicts ok for every item except those `throwFor` names, which throw the given error. */
function fakePredictor(throwFor: Record<string, Error>): ItemPredictor {
  return {
    load: async (modelId) => ({ modelId, provider: 'cpu', fallbacks: [] }),
    predict: async ({ itemId, relPath }): Promise<ItemPredictions> => {
      const error = throwFor[relPath];
      if (error) throw error;
      return { ok: true, itemId, width: 10, height: 10, predictions: [] };
    },
  };
}

async function runJob(relPaths: string[], predictor: ItemPredictor) {
  const folders = createJobFolders(await tempDir('prelabel-item-errors'));
  const params: PrelabelParams = {
    kind: 'prelabel',
    modelId: 'm',
    rootId: 'r',
    projectId: 'p',
    thresholds: { confidence: 0.5, iou: 0.5 },
    items: relPaths.map((relPath, i) => ({ itemId: `item-${i}`, relPath })),
  };
  await folders.create({ id: JOB_ID, params, startedAt: 0 });
  const events: ItemPredictions[] = [];
  const warnings: string[] = [];
  const handler = createPrelabelJob({
    roots: { pathOf: async () => '/media' } as unknown as RootStore,
    predictor,
    folders,
    onItemResult: (e) => events.push(e.result),
    warn: (message) => warnings.push(message),
  });
  const run = handler(params, { jobId: JOB_ID, signal: new AbortController().signal, progress: vi.fn() });
  return { run, events, warnings, lines: () => folders.log(JOB_ID).readAll() };
}

afterEach(() => vi.restoreAllMocks());

describe('prelabel job item errors', () => {
  it('records an image whose decoding throws as failed, names the file, logs it, and labels the rest', async () => {
    const crash = new Error('minAreaRect needs at least two distinct points, got 1');
    const { run, events, warnings, lines } = await runJob(['a.jpg', 'page/scan.png', 'c.jpg', 'd.jpg'], fakePredictor({ 'page/scan.png': crash }));
    const result = (await run) as PrelabelJobResult;

    expect(result).toMatchObject({ items: 4, failed: 1, failures: [{ itemId: 'item-1', relPath: 'page/scan.png', error: 'page/scan.png: minAreaRect needs at least two distinct points, got 1' }] });
    expect(events.map((e) => e.ok)).toEqual([true, false, true, true]);
    expect((await lines()).map((l) => [l.item, l.result.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(warnings).toEqual([`groundwork: prelabel job ${JOB_ID}: page/scan.png failed, the job goes on: page/scan.png: minAreaRect needs at least two distinct points, got 1`]);
  });

  it('fails the whole job when the model cannot be used, or the engine is gone, instead of failing every item', async () => {
    for (const error of [new ModelLoadError("model 'm': output has 3 dims"), new Error('inference worker exited (code 134)')]) {
      const { run, events, warnings } = await runJob(['a.jpg', 'b.jpg', 'c.jpg'], fakePredictor({ 'b.jpg': error }));
      await expect(run).rejects.toThrow(error.message);
      expect(events.filter((e) => !e.ok)).toEqual([]);
      expect(warnings).toEqual([`groundwork: prelabel job ${JOB_ID} stopped: ${error.message}`]);
    }
  });
});
