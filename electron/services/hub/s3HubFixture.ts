import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** What the object store in front of a test hub received (hub/media/testS3Server.ts). */
export interface StoreRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface S3Hub {
  hubUrl: string;
  endpoint: string;
  bucket: string;
  /** The child's process id. */
  pid: number;
  /** Every request the object store got so far. */
  seen(): Promise<StoreRequest[]>;
  /** Replaces the bytes under a content key behind the hub's back. */
  tamper(sha256: string, size: number): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY = path.resolve(import.meta.dirname, '../../../hub/media/s3HubProcess.ts');
/** How long start may take (a loaded box starts PGlite slowly) and how long stop waits before SIGKILL. */
const START_TIMEOUT_MS = 150_000;
const STOP_GRACE_MS = 10_000;
/** On Linux the child also dies with a SIGKILL of this process (PR_SET_PDEATHSIG). */
const SETPRIV = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;

/**
 * Every child not yet gone, SIGKILLed when this process exits on any path
 * (hub/replicas/replicaProcesses.ts does the same; electron/ may not import
 * hub/, hence this small copy). The child also exits when its IPC channel
 * closes (s3HubProcess.ts), so a test process killed outright leaves nothing.
 */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
const killQuietly = (child: ChildProcess) => {
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
};
function track(child: ChildProcess): Promise<void> {
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) killQuietly(c);
    });
  }
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  }).then(() => {
    running.delete(child);
  });
}

/**
 * A real hub (PGlite) whose media is on a real S3-protocol server (s3rver),
 * in a child process: the workstation's layer may not import the hub's, so
 * tests reach it over HTTP like a workstation does, and over IPC for what
 * only a test may do.
 */
export async function startS3Hub(requesters: string[]): Promise<S3Hub> {
  const node = [process.execPath, '--import', 'tsx', ENTRY];
  const [command, ...args] = SETPRIV ? [SETPRIV, '--pdeathsig', 'KILL', '--', ...node] : node;
  // spawn with an 'ipc' stdio slot is fork's channel; setpriv execs node in place, so the channel survives it.
  const child: ChildProcess = spawn(command!, args, { env: { ...process.env, REQUESTERS: requesters.join(',') }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const gone = track(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
      const late = await Promise.race([gone.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), STOP_GRACE_MS).unref())]);
      if (late) killQuietly(child);
    }
    await gone;
  };
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the S3 hub process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  // A start that hangs is killed here, so a timed-out beforeAll (whose afterAll has no handle to stop) leaves nothing running.
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the S3 hub process did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
  });
  let started: { hubUrl: string; endpoint: string; bucket: string };
  try {
    started = await Promise.race([next<{ hubUrl: string; endpoint: string; bucket: string }>('hubUrl'), tooSlow]);
  } catch (e) {
    killQuietly(child);
    await gone;
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return {
    ...started,
    pid: child.pid!,
    async seen() {
      const answer = next<{ seen: StoreRequest[] }>('seen');
      child.send({ type: 'seen' });
      return (await answer).seen;
    },
    async tamper(sha256, size) {
      const answer = next('tampered');
      child.send({ type: 'tamper', sha256, size });
      await answer;
    },
    /** Asks the child to close, SIGKILLs it after STOP_GRACE_MS, resolves once it is gone. */
    stop,
  };
}
