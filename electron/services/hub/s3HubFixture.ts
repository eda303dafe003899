import { fork, type ChildProcess } from 'node:child_process';
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
  /** Every request the object store got so far. */
  seen(): Promise<StoreRequest[]>;
  /** Replaces the bytes under a content key behind the hub's back. */
  tamper(sha256: string, size: number): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY = path.resolve(import.meta.dirname, '../../../hub/media/s3HubProcess.ts');

/**
 * A real hub (PGlite) whose media is on a real S3-protocol server (s3rver),
 * in a child process: the workstation's layer may not import the hub's, so
 * tests reach it over HTTP like a workstation does, and over IPC for what
 * only a test may do.
 */
export async function startS3Hub(requesters: string[]): Promise<S3Hub> {
  const child: ChildProcess = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, REQUESTERS: requesters.join(',') }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
  const started = await next<{ hubUrl: string; endpoint: string; bucket: string }>('hubUrl');
  return {
    ...started,
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
