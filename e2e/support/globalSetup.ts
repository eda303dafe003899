import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFixtureFolder } from '../fixtures/fixtureFolder';
import { publishHost } from './hostEnv';
import { startHost } from './startHost';

// GROUNDWORK_RENDERER_DIR is honoured as by `npm run serve` (electron/serve/main.ts).
const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || fileURLToPath(new URL('../../out/renderer', import.meta.url));

/**
 * Starts one real browser host for the whole run, with a fresh temp data dir
 * and a fresh fixture folder; the returned teardown stops it and removes both.
 * Each test gets its own browser context, so IndexedDB (the label store) starts
 * empty for every test.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer at ${rendererDir}: run \`npm run build\` first (npm test does)`);
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-'));
  try {
    const dataDir = path.join(workDir, 'data');
    await mkdir(dataDir);
    const fixtureDir = await makeFixtureFolder(path.join(workDir, 'fixture-images'));
    const host = await startHost({ dataDir, rendererDir });
    publishHost({ url: host.url, port: host.port, token: host.token, dataDir, fixtureDir });
    return async () => {
      await host.stop();
      await rm(workDir, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
