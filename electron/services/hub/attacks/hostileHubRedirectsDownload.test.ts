import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRootStore } from '../../media/rootStore';
import { createDownloadJob, taskMediaDir } from '../downloadJob';
import type { HubClient } from '../hubClient';
import type { MediaSession } from '../mediaFetch';
import { checkMediaRedirect } from '../mediaRedirect';

/** A server on loopback whose answer the test sets, recording what it was sent. */
async function serve(): Promise<{ url: string; seen: { url: string; headers: IncomingHttpHeaders }[]; answer: RequestListener; close(): Promise<void> }> {
  const state = {
    url: '',
    seen: [] as { url: string; headers: IncomingHttpHeaders }[],
    answer: ((_req, res) => res.writeHead(404).end()) as RequestListener,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((req, res) => {
    state.seen.push({ url: req.url!, headers: req.headers });
    state.answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/**
 * The attack: a hub the workstation signed in to (or one that was taken
 * over) answers `GET /media/:sha256` with a redirect of its choosing — to a
 * local file, to a service on the annotator's machine or network, to a
 * server that redirects again or sends without end — hoping the download
 * job fetches it with the session token, or writes whatever comes. The job
 * follows only a checked http(s) target, sends it nothing of the session,
 * never follows the target's own redirects, stops at its size cap, and keeps
 * nothing that is not the item's sha256.
 */
describe('attack: a hostile hub redirects a media download', () => {
  let hub: Awaited<ReturnType<typeof serve>>;
  let store: Awaited<ReturnType<typeof serve>>;
  let dataDir: string;
  const bytes = randomBytes(300_000);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const session: MediaSession = { token: async () => 'hub-session-token', renew: async () => 'hub-session-token' };
  const redirectTo = (location: string): RequestListener => (_req, res) => res.writeHead(302, { location }).end();
  const dir = () => taskMediaDir(dataDir, hub.url, 'task-1');
  const run = (maxBytes?: number) =>
    // The client is only for downloads without a session: never used here.
    createDownloadJob(dataDir, null as unknown as HubClient, createRootStore(dataDir), { session, maxBytes })(
      { kind: 'download', hubUrl: hub.url, taskId: 'task-1', items: [{ sha256, fileName: 'clip.mp4' }] },
      { jobId: 'j', signal: new AbortController().signal, progress: () => undefined },
    );
  const leftovers = async () => (await readdir(dir()).catch(() => [] as string[])).filter((f) => f.startsWith(sha256));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gw-hostile-redirect-'));
    hub = await serve();
    store = await serve();
  });
  beforeEach(async () => {
    await rm(dir(), { recursive: true, force: true });
    store.seen.length = 0;
    store.answer = (_req, res) => res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('follows a redirect to an http store with the Range header alone: no Authorization, no cookie', async () => {
    hub.answer = redirectTo(`${store.url}/bucket/media/${sha256}?X-Amz-Signature=x`);
    await run();
    expect(await leftovers()).toEqual([`${sha256}.mp4`]);
    expect(hub.seen.at(-1)!.headers.authorization).toBe('Bearer hub-session-token');
    expect(store.seen).toHaveLength(1);
    expect(store.seen[0]!.headers.authorization).toBeUndefined();
    expect(store.seen[0]!.headers.cookie).toBeUndefined();
  });

  it('refuses a redirect to file:, data: or a URL with credentials, before anything is fetched', async () => {
    for (const location of ['file:///etc/passwd', `data:application/octet-stream;base64,${bytes.subarray(0, 10).toString('base64')}`, `http://user:pw@127.0.0.1:${new URL(store.url).port}/x`]) {
      hub.answer = redirectTo(location);
      await expect(run(), location).rejects.toMatchObject({ failure: { code: 'bad_media_redirect' } });
    }
    expect(store.seen).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('does not follow the store’s own redirect (to another place on this machine)', async () => {
    const elsewhere = await serve();
    try {
      hub.answer = redirectTo(`${store.url}/first`);
      store.answer = redirectTo(`${elsewhere.url}/admin`);
      await expect(run()).rejects.toThrow();
      expect(elsewhere.seen).toEqual([]);
      expect(await leftovers()).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('stops at its size cap: a declared huge body is refused unread, an endless one is cut and removed', async () => {
    hub.answer = redirectTo(`${store.url}/huge`);
    store.answer = (_req, res) => res.writeHead(200, { 'content-length': String(64 * 1024 ** 3) }).end();
    await expect(run(1024 * 1024)).rejects.toThrow(/more than 1048576 bytes/);
    let sent = 0;
    store.answer = (_req, res) => {
      res.writeHead(200);
      const more = () => {
        // Far past the cap if nobody stops reading; bounded so a failing test still ends.
        while (sent < 64 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!res.write(randomBytes(64 * 1024))) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => (sent = Infinity));
      more();
    };
    await expect(run(1024 * 1024)).rejects.toThrow(/more than 1048576 bytes/);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a resumed range that does not continue the partial file, and drops the partial file', async () => {
    await mkdir(dir(), { recursive: true });
    await writeFile(path.join(dir(), `${sha256}.mp4.part`), bytes.subarray(0, 1000));
    hub.answer = redirectTo(`${store.url}/shifted`);
    store.answer = (_req, res) => res.writeHead(206, { 'content-range': `bytes 0-999/${bytes.length}`, 'content-length': 1000 }).end(bytes.subarray(0, 1000));
    await expect(run()).rejects.toThrow(/asked for bytes from 1000/);
    expect(store.seen[0]!.headers.range).toBe('bytes=1000-');
    expect(await leftovers()).toEqual([]);
  });

  it('from a hub on the internet, refuses targets on this machine or its networks, and a downgrade to http', async () => {
    const publicHub = 'https://203.0.113.10';
    for (const target of ['https://127.0.0.1:8545/', 'https://localhost/x', 'https://10.1.2.3/x', 'https://192.168.1.1/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://0.0.0.0/x']) {
      await expect(checkMediaRedirect(publicHub, target), target).rejects.toMatchObject({ failure: { code: 'bad_media_redirect' } });
    }
    await expect(checkMediaRedirect(publicHub, 'http://198.51.100.7/bucket/x')).rejects.toThrow(/plain http/);
    expect((await checkMediaRedirect(publicHub, 'https://198.51.100.7/bucket/x?X-Amz-Signature=s')).host).toBe('198.51.100.7');
    // A hub on loopback (the local network) may use a store on loopback.
    expect((await checkMediaRedirect('http://127.0.0.1:8787', 'http://127.0.0.1:9000/b/k')).port).toBe('9000');
  });

  it('from a hub on the internet, also refuses 192.0.0.0/24 and NAT64 addresses that carry a local IPv4 one', async () => {
    const publicHub = 'https://203.0.113.10';
    // 64:ff9b::7f00:1 is 127.0.0.1 through NAT64; 64:ff9b::a00:1 is 10.0.0.1.
    for (const target of ['https://192.0.0.8/x', 'https://192.0.0.170/x', 'https://[64:ff9b::7f00:1]/x', 'https://[64:ff9b::a00:1]/x', 'https://[64:ff9b:1::a00:1]/x', 'https://100.64.0.1/x', 'https://[fd00::1]/x', 'https://[::]/x']) {
      await expect(checkMediaRedirect(publicHub, target), target).rejects.toMatchObject({ failure: { code: 'bad_media_redirect' } });
    }
  });

  it('allows a target no more local than the hub: a LAN hub may use the LAN or the internet but never this machine', async () => {
    const lanHub = 'http://192.168.1.20:8787';
    for (const target of ['http://127.0.0.1:8545/', 'http://localhost:9000/b/k', 'http://[::1]:9000/b/k', 'http://[::ffff:127.0.0.1]:9000/b/k']) {
      await expect(checkMediaRedirect(lanHub, target), target).rejects.toThrow(/on this machine/);
    }
    expect((await checkMediaRedirect(lanHub, 'http://192.168.1.30:9000/b/k')).host).toBe('192.168.1.30:9000');
    expect((await checkMediaRedirect(lanHub, 'http://10.0.0.5:9000/b/k')).host).toBe('10.0.0.5:9000');
    expect((await checkMediaRedirect(lanHub, 'http://198.51.100.7/b/k')).host).toBe('198.51.100.7');
    // The hub's own host, any port: a store beside it.
    expect((await checkMediaRedirect(lanHub, 'http://192.168.1.20:9000/b/k')).port).toBe('9000');
    // Never-addresses stay refused even for a local hub.
    await expect(checkMediaRedirect('http://127.0.0.1:8787', 'http://[64:ff9b::7f00:1]/x')).rejects.toMatchObject({ failure: { code: 'bad_media_redirect' } });
    // A hub on loopback may use a LAN store or the internet.
    expect((await checkMediaRedirect('http://127.0.0.1:8787', 'http://192.168.1.30:9000/b/k')).host).toBe('192.168.1.30:9000');
    expect((await checkMediaRedirect('http://localhost:8787', 'http://198.51.100.7/b/k')).host).toBe('198.51.100.7');
  });
});
