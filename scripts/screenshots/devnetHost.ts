// `npm run serve` with the local network, as a newcomer's `npm start` runs
// it (GROUNDWORK_LOCAL_NETWORK=1: anvil, contracts, the embedded hub and the
// demo tasks), in a child process with its own data folder. For the journeys
// and screenshots that need the host to have started its own devnet.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface DevnetHost {
  /** The app's URL with its session token, as the host prints it. */
  url: string;
  port: number;
  token: string;
  /** Stops the host; it stops its local network (hub and anvil) before it exits. */
  stop(): Promise<void>;
}

/** A port free right now (the serve host takes a fixed GROUNDWORK_PORT, never 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // The host stops the hub, then anvil; on a loaded machine that can take a while.
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 30_000).unref());
  if ((await Promise.race([exited, late])) === 'late') child.kill('SIGKILL');
  await exited;
}

/** Starts electron/serve/main.ts with the local network and resolves once it prints its URL (the demo tasks are seeded by then). */
export async function startDevnetHost(options: { dataDir: string; rendererDir: string; timeoutMs?: number }): Promise<DevnetHost> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/serve/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      GROUNDWORK_LOCAL_NETWORK: '1',
      GROUNDWORK_DATA_DIR: options.dataDir,
      GROUNDWORK_RENDERER_DIR: options.rendererDir,
      GROUNDWORK_PORT: String(port),
      GROUNDWORK_TOKEN: token,
    },
    // An IPC channel: the host stops itself (and its devnet) when this process goes away, however it ends.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 240_000;
      const timer = setTimeout(() => reject(new Error(`the host with its local network printed no URL within ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the host exited before it was ready (code ${code}, signal ${signal}); its stderr is above`));
      });
      let out = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        process.stdout.write(`[devnet host] ${chunk}`);
        out += chunk;
        const found = /Open:\s+(http:\/\/\S+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
    });
    return { url, port, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One devnet host for a Playwright file: started in beforeAll (in its own
 * temp folder, removed in afterAll, the host and its devnet stopped first).
 * Returns the running host's workDir and host for the tests.
 */
export function devnetHostForFile(test: typeof import('@playwright/test').test, label: string): { workDir: () => string; host: () => DevnetHost } {
  const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || path.join(repoRoot, 'out', 'renderer');
  let workDir = '';
  let host: DevnetHost | undefined;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    workDir = await mkdtemp(path.join(os.tmpdir(), `groundwork-${label}-`));
    host = await startDevnetHost({ dataDir: path.join(workDir, 'data'), rendererDir });
  });
  test.afterAll(async () => {
    test.setTimeout(60_000);
    await host?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });
  return { workDir: () => workDir, host: () => host! };
}
