import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureLocalGas } from './anvilFaucet';
import { seedDemoTask } from './seedDemoTask';
import { seedReviewDemo } from './seedReviewDemo';

export interface LocalNetwork {
  hubUrl: string;
  rpcUrl: string;
  chainId: number;
  rewards: string;
  token: string;
  /** The quick demo task published on the fresh hub (k = 1: your labels alone are accepted and paid). */
  demoTaskId: string;
  /** The k = 3 demo (seedReviewDemo): a task two simulated annotators labeled, and one three of them took to disputes. */
  reviewDemo: { labelBesideTaskId: string; disputedTaskId: string };
  /** Tops up the workstation wallet's gas before a claim (pass to createServices as network.localHub.ensureGas). */
  ensureGas: (rpcUrl: string, account: string) => Promise<void>;
  /** Stops the hub and anvil and waits until the child process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

export interface LocalNetworkOptions {
  /** The workstation's data folder: the demo images are made there. */
  dataDir: string;
  /** How long anvil + deployment + the hub may take to come up. Default 120 s (PGlite's first start is slow). */
  readyTimeoutMs?: number;
  /** The child's entry, scripts/localNetworkProcess.ts; a bundled host (Electron) passes the path from its app folder. */
  entry?: string;
}

type Ready = { type: 'ready'; hubUrl: string; rpcUrl: string; chainId: number; rewards: string; token: string };
type ChildMessage = Ready | { type: 'failed'; message: string };

const defaultEntry = () => fileURLToPath(new URL('../../../scripts/localNetworkProcess.ts', import.meta.url));
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

// The child also exits when its IPC channel closes (this process died in any
// way, SIGKILL included), and anvil has a watchdog on the child; this hook just
// makes a normal exit immediate.
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * The local network for newcomers: anvil with the contracts deployed and the
 * distributor funded, an embedded hub on PGlite with the demo tasks, all in one
 * child process (it needs hub/, which the workstation does not import). Runs
 * from source through tsx: `npm start`, `npm run serve`, tests.
 */
export async function startLocalNetwork(options: LocalNetworkOptions): Promise<LocalNetwork> {
  const child = fork(options.entry ?? defaultEntry(), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  installExitHook();
  const gone = exited(child).then(() => void children.delete(child));
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
      if ((await Promise.race([gone, late])) === 'late') child.kill('SIGKILL');
      await gone;
    })());

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the local network did not start within ${options.readyTimeoutMs ?? 120_000} ms`)), options.readyTimeoutMs ?? 120_000);
    child.on('message', (message: ChildMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`the local network did not start: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the local network process exited (${signal ?? code}) before it was ready`));
    });
    child.once('error', (error) => reject(new Error(`could not start the local network process: ${error.message}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  try {
    const { taskId } = await seedDemoTask(ready.hubUrl, options.dataDir, ready);
    const reviewDemo = await seedReviewDemo(ready.hubUrl, options.dataDir, ready);
    return { ...ready, demoTaskId: taskId, reviewDemo, ensureGas: ensureLocalGas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
