import { spawn, type ChildProcess } from 'node:child_process';
import { VideoError } from '../errors';

/** Start ffmpeg/ffprobe with piped stdout/stderr and no stdin (no console window on Windows). */
export function spawnTool(binary: string, args: string[]): ChildProcess {
  return spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a tool to completion, collecting its output; the signal kills it and rejects with 'cancelled'. */
export function runTool(binary: string, args: string[], signal?: AbortSignal): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new VideoError('cancelled', 'Cancelled before it started'));
    const child = spawnTool(binary, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new VideoError('binary-unavailable', `Could not start ${binary}: ${error.message}`));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(new VideoError('cancelled', 'Cancelled'));
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The last meaningful stderr line, for error messages. */
export function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
