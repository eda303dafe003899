import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseReadyLine, READY_MARKER, type ReadyInfo } from './hostReadyLine';

const hostScript = fileURLToPath(new URL('./hostProcess.ts', import.meta.url));

export interface RunningHost {
  url: string;
  token: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the browser host (electron/serve) in a child process and resolves
 * once it serves. The OS picks the port, so runs never collide. The child is
 * killed on every way out: stop(), this process exiting, or this process
 * dying (the child watches its stdin).
 */
export async function startHost(options: { dataDir: string; rendererDir: string; timeoutMs?: number }): Promise<RunningHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', hostScript], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      GROUNDWORK_E2E_HOST_DATA_DIR: options.dataDir,
      GROUNDWORK_E2E_HOST_RENDERER_DIR: options.rendererDir,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    const ready = await waitForReady(child, options.timeoutMs ?? 60_000);
    return {
      ...ready,
      stop: async () => {
        process.removeListener('exit', killOnExit);
        await stopChild(child);
      },
    };
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
    throw error;
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<ReadyInfo> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the browser host printed no ${READY_MARKER} line within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited before it was ready (code ${code}, signal ${signal}); its stderr is above`));
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const ready = parseReadyLine(line);
        if (ready) {
          clearTimeout(timer);
          resolve(ready);
        } else if (line.trim()) {
          process.stdout.write(`[host] ${line}\n`);
        }
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
