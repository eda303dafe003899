import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../createServices';
import { tempDir } from '../testSupport/fixtureImages';
import { installTestModel, TEST_MODEL_ID } from '../testSupport/testModel';
import { findBundledModelsDir, modelsDirsFor } from './modelsDirs';
import { providersFromEnv } from './providersFromEnv';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let services: Services | undefined;
afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

async function servicesWithTestModel(options: { providers?: string[] } = {}) {
  const dataDir = await tempDir('inference-data');
  await installTestModel(path.join(dataDir, 'models'));
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1', electronVersion: null }, inference: options });
  return services;
}

describe('inference configuration', () => {
  it('reads the execution provider order from GROUNDWORK_EP', () => {
    expect(providersFromEnv({})).toBeUndefined();
    expect(providersFromEnv({ GROUNDWORK_EP: '  ' })).toBeUndefined();
    expect(providersFromEnv({ GROUNDWORK_EP: 'CUDA, dml ,cpu' })).toEqual(['cuda', 'dml', 'cpu']);
    expect(() => providersFromEnv({ GROUNDWORK_EP: 'cuda,,cpu' })).toThrow('GROUNDWORK_EP must be a comma-separated list of execution provider names such as "cuda,cpu"; "" in "cuda,,cpu" is not a provider name');
    expect(() => providersFromEnv({ GROUNDWORK_EP: 'cuda;cpu' })).toThrow(/"cuda;cpu" in "cuda;cpu" is not a provider name/);
  });

  it('looks for models in the shipped folder first, then in the data folder', () => {
    expect(findBundledModelsDir()).toBe(path.join(repoRoot, 'models'));
    expect(findBundledModelsDir('/')).toBeNull();
    expect(modelsDirsFor('/data')).toEqual([path.join(repoRoot, 'models'), path.join('/data', 'models')]);
    expect(modelsDirsFor('/data', null)).toEqual([path.join('/data', 'models')]);
  });

  it('tries only the configured providers and reports the one that loaded', async () => {
    const cpuOnly = await servicesWithTestModel({ providers: ['cpu'] });
    expect(await cpuOnly.inference.loadModel({ modelId: TEST_MODEL_ID })).toEqual({ modelId: TEST_MODEL_ID, provider: 'cpu', fallbacks: [] });
    await cpuOnly.dispose();

    // CUDA's libraries are not installed here: it falls back to CPU and says why.
    const cudaFirst = await servicesWithTestModel({ providers: ['cuda', 'cpu'] });
    const loaded = await cudaFirst.inference.loadModel({ modelId: TEST_MODEL_ID });
    expect(loaded.provider).toBe('cpu');
    expect(loaded.fallbacks).toEqual([{ provider: 'cuda', reason: expect.stringContaining('Failed to load shared library') as string }]);
    await cudaFirst.dispose();

    // Nobody asked for a GPU: the platform default tries CUDA here too, but its absence is not reported.
    const byDefault = await servicesWithTestModel({ providers: undefined });
    expect(await byDefault.inference.loadModel({ modelId: TEST_MODEL_ID })).toEqual({ modelId: TEST_MODEL_ID, provider: 'cpu', fallbacks: [] });
  });

  it('refuses work once the services are disposed', async () => {
    const disposed = await servicesWithTestModel({ providers: ['cpu'] });
    await disposed.inference.loadModel({ modelId: TEST_MODEL_ID });
    await disposed.dispose();
    await expect(disposed.inference.listModels({})).rejects.toThrow('the inference engine has been shut down');
  });
});
