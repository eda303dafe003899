import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Hub replicas as child processes (hubProcess.ts under tsx), each with its
 * own environment. Every replica is killed on every exit path: stop(), this
 * process's 'exit' (normal end, process.exit, an uncaught error), its stdin
 * closing when this process dies, and on Linux PR_SET_PDEATHSIG through
 * setpriv for a SIGKILL of this process.
 */
export interface ReplicaProcess {
  url: string;
  pid: number;
  /** The last lines it printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./hubProcess.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const setpriv = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) killQuietly(child);
  });
}

function killQuietly(child: ChildProcess): void {
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts one replica and resolves once it listens (its "hub listening on <url>" line). */
export function startReplicaProcess(env: Record<string, string>, opts: { name: string; readyTimeoutMs?: number }): Promise<ReplicaProcess> {
  const node = [process.execPath, '--import', 'tsx', entry];
  const [command, ...args] = setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', ...node] : node;
  const child = spawn(command!, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  installExitHook();
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8192);
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  const gone = new Promise<void>((done) => child.once('exit', () => done())).then(() => {
    running.delete(child);
  });
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (exited(child)) return gone;
      child.kill('SIGTERM');
      const late = await Promise.race([gone.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref())]);
      if (late) killQuietly(child);
      await gone;
    })());

  return new Promise<ReplicaProcess>((resolve, reject) => {
    const timeoutMs = opts.readyTimeoutMs ?? 120_000;
    const timer = setTimeout(() => fail(new Error(`${opts.name} did not listen within ${timeoutMs} ms:\n${output.trim()}`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`${opts.name} exited (${signal ?? code}) before listening:\n${output.trim()}`));
    const onData = () => {
      const m = /hub listening on (http:\/\/[^\s]+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve({ url: m[1]!, pid: child.pid!, output: () => output, stop });
    };
    function fail(error: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      void stop().then(() => reject(error));
    }
    child.once('exit', onExit);
    child.stdout!.on('data', onData);
  });
}
