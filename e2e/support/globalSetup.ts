import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { makeFixtureFolder } from '../fixtures/fixtureFolder';
import { publishHost } from './hostEnv';
import { startHost, type RunningHost } from './startHost';

// GROUNDWORK_RENDERER_DIR is honoured as by `npm run serve` (electron/serve/main.ts).
const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || fileURLToPath(new URL('../../out/renderer', import.meta.url));

/**
 * Starts one real browser host per worker (`config.workers`, so a
 * `--workers` on the command line is honoured), each with its own fresh data
 * dir and its own copy of the fixture folder under one temp dir, so two tests
 * running at once share no granted roots, settings or files; each host has a
 * port of its own, so the browser's origin (and IndexedDB) differ too. The
 * returned teardown stops them all and removes the temp dir. Each test also
 * gets its own browser context, so IndexedDB (the label store) starts empty
 * for every test.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer at ${rendererDir}: run \`npm run build\` first (npm test does)`);
  }
  const count = config.workers;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-'));
  const hosts: RunningHost[] = [];
  const stop = async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled(
      Array.from({ length: count }, async (_, index) => {
        const dir = path.join(workDir, `worker-${index}`);
        const dataDir = path.join(dir, 'data');
        await mkdir(dataDir, { recursive: true });
        const fixtureDir = await makeFixtureFolder(path.join(dir, 'fixture-images'));
        const host = await startHost({ dataDir, rendererDir });
        hosts.push(host);
        publishHost(index, count, { url: host.url, port: host.port, token: host.token, dataDir, fixtureDir });
      }),
    );
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return stop;
  } catch (error) {
    await stop();
    throw error;
  }
}
