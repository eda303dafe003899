import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { anvilBinaryPath } from './anvilBinary';

/** anvil's chain id unless told otherwise. */
export const ANVIL_DEFAULT_CHAIN_ID = 31337;

export interface StartAnvilOptions {
  /** 0 (default) lets the OS pick a free port. */
  port?: number;
  /** Default 31337. Give another to get a second, distinct chain. */
  chainId?: number;
  /** Extra anvil arguments, e.g. ['--hardfork', 'cancun']. */
  args?: string[];
  /** How long anvil may take to listen. Default 20 s (loaded CI boxes). */
  readyTimeoutMs?: number;
}

export interface AnvilHandle {
  rpcUrl: string;
  chainId: number;
  port: number;
  /** The anvil process (not the watchdog). */
  pid: number;
  /** Kills anvil and waits until it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

type WatchdogMessage = { type: 'ready'; host: string; port: number; pid: number } | { type: 'failed'; message: string };

const watchdogPath = fileURLToPath(new URL('./anvilWatchdog.cjs', import.meta.url));
const running = new Map<ChildProcess, number>();
let exitHookInstalled = false;

// 'exit' covers normal ends, process.exit() and uncaught errors; SIGKILL of this
// process is covered by the watchdog, which sees its IPC channel close.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [watchdog, anvilPid] of running) {
      killQuietly(anvilPid);
      if (watchdog.pid) killQuietly(watchdog.pid);
    }
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts anvil on 127.0.0.1 behind a watchdog so it never outlives this process. */
export function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilHandle> {
  const chainId = options.chainId ?? ANVIL_DEFAULT_CHAIN_ID;
  const args = ['--host', '127.0.0.1', '--port', String(options.port ?? 0), '--chain-id', String(chainId), ...(options.args ?? [])];
  const watchdog = fork(watchdogPath, [anvilBinaryPath(), ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [], // the watchdog is plain CommonJS: no tsx or test loaders
  });
  installExitHook();

  return new Promise<AnvilHandle>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(new Error(`anvil did not start listening within ${options.readyTimeoutMs ?? 20_000} ms`));
    }, options.readyTimeoutMs ?? 20_000);

    const onExit = (code: number | null, signal: string | null) => {
      running.delete(watchdog);
      fail(new Error(`anvil watchdog exited (${signal ?? code}) before anvil was ready`));
    };
    function fail(error: Error) {
      clearTimeout(timer);
      watchdog.off('exit', onExit);
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGTERM');
      reject(error);
    }

    watchdog.on('exit', onExit);
    watchdog.on('error', (error) => fail(new Error(`could not start the anvil watchdog: ${error.message}`)));
    watchdog.on('message', (message: WatchdogMessage) => {
      if (message.type === 'failed') return fail(new Error(message.message));
      clearTimeout(timer);
      watchdog.off('exit', onExit);
      running.set(watchdog, message.pid);
      const exited = new Promise<void>((done) => {
        if (watchdog.exitCode !== null || watchdog.signalCode !== null) done();
        else watchdog.once('exit', () => done());
      }).then(() => {
        running.delete(watchdog);
      });
      let stopping: Promise<void> | null = null;
      resolve({
        rpcUrl: `http://${message.host}:${message.port}`,
        chainId,
        port: message.port,
        pid: message.pid,
        stop() {
          stopping ??= stopWatchdog(watchdog, message.pid, exited);
          return stopping;
        },
      });
    });
  });
}

async function stopWatchdog(watchdog: ChildProcess, anvilPid: number, exited: Promise<void>): Promise<void> {
  if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGTERM');
  const timeout = new Promise<'late'>((done) => setTimeout(() => done('late'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'late') {
    killQuietly(anvilPid);
    if (watchdog.pid) killQuietly(watchdog.pid);
    await exited;
  }
}
