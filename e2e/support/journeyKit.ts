// What the long journeys share: the requester's `npm run verify-dataset`
// run as a child process, and a clock that prints each step's time.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run verify-dataset -- <args>` as a requester runs it: exit code and everything printed. */
export async function verifyDataset(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'verify-dataset', '--', ...args], { cwd: REPO_ROOT, timeout: 180_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** `step(name)` starts a step and logs how long the previous one took, prefixed with `label`; `step('end')` closes the last. */
export function stepClock(label: string): (step: string) => void {
  const started = Date.now();
  let current: { name: string; at: number } | null = null;
  return (name) => {
    const now = Date.now();
    if (current) console.log(`${label}: ${current.name} ${((now - current.at) / 1000).toFixed(1)} s (total ${((now - started) / 1000).toFixed(1)} s)`);
    current = { name, at: now };
  };
}
