import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The S3 test hub is a child process: it must not outlive the test process,
 * whether that ends normally, is killed outright, or gives up mid-start.
 */
describe('S3 hub fixture: the child never outlives the test process', () => {
  const pids: number[] = [];
  afterAll(() => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('is gone once the process that started it is SIGKILLed (no stop, no exit hook ran)', async () => {
    const script = `const { startS3Hub } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 's3HubFixture.ts'))}); const hub = await startS3Hub([]); console.log('HUBPID ' + hub.pid);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    pids.push(parent.pid!);
    let out = '';
    const hubPid = await new Promise<number>((resolve, reject) => {
      parent.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /HUBPID (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.once('exit', (code) => reject(new Error(`parent exited (${code}) before the hub started: ${out}`)));
    });
    pids.push(hubPid);
    expect(alive(hubPid)).toBe(true);
    parent.kill('SIGKILL');
    // PR_SET_PDEATHSIG (Linux) or the closed IPC channel ends it; poll rather than assert a time.
    for (let i = 0; i < 300 && alive(hubPid); i++) await sleep(100);
    expect(alive(hubPid)).toBe(false);
  }, 180_000);
});
