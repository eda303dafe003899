import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS } from './defaultAccounts';
import { startAnvil, type AnvilHandle } from './startAnvil';

const started: AnvilHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map((a) => a.stop()));
});

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return ((await res.json()) as { result: unknown }).result;
}

/** True while the process runs; a zombie (killed, not yet reaped) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isRunning(pid);
}

describe('startAnvil', () => {
  it('listens on a free loopback port with the requested chain id and funded default accounts', async () => {
    const [a, b] = await Promise.all([startAnvil(), startAnvil({ chainId: 4242 })]);
    started.push(a!, b!);
    expect(a!.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a!.port).not.toBe(b!.port);
    expect(await rpc(a!.rpcUrl, 'eth_chainId')).toBe('0x7a69');
    expect(a!.chainId).toBe(31337);
    expect(await rpc(b!.rpcUrl, 'eth_chainId')).toBe('0x1092');
    const accounts = (await rpc(a!.rpcUrl, 'eth_accounts')) as string[];
    expect(accounts.slice(0, ANVIL_ACCOUNTS.length).map((x) => x.toLowerCase())).toEqual(ANVIL_ACCOUNTS.map((x) => x.address.toLowerCase()));
  });

  it('stop() ends anvil and can be called twice', async () => {
    const anvil = await startAnvil();
    expect(isRunning(anvil.pid)).toBe(true);
    await anvil.stop();
    expect(isRunning(anvil.pid)).toBe(false);
    await anvil.stop();
    await expect(rpc(anvil.rpcUrl, 'eth_chainId')).rejects.toThrow();
  });

  it('reports anvil failing to start instead of hanging', async () => {
    await expect(startAnvil({ args: ['--no-such-flag'] })).rejects.toThrow(/anvil exited .* before listening/s);
  });

  // Each mode is a way the app can end; anvil must never outlive it.
  it.each(['sigkill', 'sigterm', 'exit', 'throw', 'reject'])('leaves no anvil behind when its parent ends by %s', async (mode) => {
    const holder = fileURLToPath(new URL('./testSupport/anvilHolder.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', holder, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /anvil-pid (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`holder exited (${code}) before printing the anvil pid: ${out}`)));
    });
    if (mode === 'sigkill') child.kill('SIGKILL');
    if (mode === 'sigterm') child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(await waitUntilGone(pid, 3000)).toBe(true);
  });
});
