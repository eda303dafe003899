import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';

/**
 * A throwaway PostgreSQL cluster on loopback for tests (Debian's
 * `postgresql` package, installed by .ci/run). Postgres refuses to run as
 * root, so as root it runs through `runuser -u postgres`.
 */
export interface TestPostgres {
  url: string;
  stop(): void;
}

export function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startTestPostgres(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'groundwork', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', opts, 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'groundwork', 'hub']);
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `postgres://groundwork@127.0.0.1:${port}/hub`, stop };
}


/**
 * A describe block that runs `suite` against a throwaway server, or is
 * skipped with a clear message when the PostgreSQL binaries are absent.
 */
export function describeOnPostgres(what: string, suite: (url: () => string) => void): void {
  const bin = findPostgresBin();
  if (!bin) console.warn(`${what}: PostgreSQL binaries not found under /usr/lib/postgresql — the real-server run is skipped (install Debian \`postgresql\`; .ci/run does)`);
  describe.skipIf(!bin)(`${what} on a real PostgreSQL server`, () => {
    let server: TestPostgres | undefined;
    beforeAll(async () => {
      server = await startTestPostgres(bin!);
      // initdb and pg_ctl start on a loaded shared box.
    }, 180_000);
    afterAll(() => server?.stop());
    suite(() => server!.url);
  });
}
