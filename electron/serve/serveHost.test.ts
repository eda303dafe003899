import { readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebSocketTransport } from '../common/contract/webSocketTransport';
import { encodeMediaUrlPath } from '../common/services/mediaUrlPath';
import { contractClients } from '../services/testSupport/contractClients';
import { exerciseContract } from '../services/testSupport/exerciseContract';
import { makePng, tempDir, writeFiles } from '../services/testSupport/fixtureImages';
import { startServeHost, type ServeHost } from './startServeHost';
import { makeRendererDir, rawGet } from './testSupport';

let host: ServeHost | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await host?.close();
  host = undefined;
});

async function start(dataDir?: string) {
  host = await startServeHost({ port: 0, dataDir: dataDir ?? (await tempDir('serve-data')), rendererDir: await makeRendererDir() });
  return host;
}

function connect(h: ServeHost, token = h.token) {
  const transport = createWebSocketTransport({ url: `ws://127.0.0.1:${h.port}/rpc?token=${token}`, WebSocket, initialDelayMs: 20, maxDelayMs: 100 });
  cleanups.push(() => transport.close());
  return transport;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 if the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (e) => reject(e));
  });
}

describe('browser host', () => {
  it('serves every service over the real WebSocket', async () => {
    const dataDir = await tempDir('serve-contract');
    const h = await start(dataDir);
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/#token=${h.token}`);
    expect(h.token).toMatch(/^[0-9a-f]{64}$/);
    await exerciseContract(contractClients(connect(h)), { dataDir, mediaDir: await tempDir('serve-media'), hostKind: 'browser' });
  });

  it('serves the renderer with a strict CSP and nosniff', async () => {
    const h = await start();
    const index = await rawGet(h.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body.toString()).toContain('groundwork');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws://127.0.0.1:");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const script = await rawGet(h.port, '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(h.port, '/assets/missing.js')).status).toBe(404);
    expect((await rawGet(h.port, '/../../../etc/passwd')).status).toBe(404);
    expect((await rawGet(h.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('refuses requests whose Host header is not its own (DNS rebinding)', async () => {
    const h = await start();
    const rebinding = await rawGet(h.port, '/', { host: `evil.example:${h.port}` });
    expect(rebinding.status).toBe(421);
    expect(rebinding.body.toString()).not.toContain('groundwork');
    expect((await rawGet(h.port, '/', { host: `localhost:${h.port}` })).status).toBe(200);
    expect(await upgradeStatus(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`, { host: 'evil.example' })).toBe(421);
  });

  it('refuses the WebSocket without the right token or from another origin', async () => {
    const h = await start();
    const base = `ws://127.0.0.1:${h.port}/rpc`;
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${'0'.repeat(64)}`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${h.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${base}?token=${h.token}`, { origin: `http://127.0.0.1:${h.port + 1}` })).toBe(403);
    expect(await upgradeStatus(`${base}?token=${h.token}`, { origin: `http://127.0.0.1:${h.port}` })).toBe(101);
  });

  it('serves media inside a granted root only, with the token and the right type', async () => {
    const h = await start();
    const mediaDir = await tempDir('serve-media-sec');
    const outside = await tempDir('serve-outside');
    await writeFiles(mediaDir, { 'pics/cat.png': await makePng(40, 30), 'pics/my cat #1?.png': await makePng(12, 12) });
    await writeFiles(outside, { 'secret.png': await makePng(20, 20), 'secret.txt': 'top secret' });
    await symlink(path.join(outside, 'secret.png'), path.join(mediaDir, 'pics', 'link.png'));
    await writeFile(path.join(mediaDir, 'notes.txt'), 'not media');
    const root = await h.services.media.openFolder({ path: mediaDir });
    const url = (rel: string, token = h.token) => `/media/${root.rootId}/${rel}?token=${token}`;

    const ok = await rawGet(h.port, url('pics/cat.png'));
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['content-security-policy']).toBeDefined();
    expect(ok.body.equals(await readFile(path.join(mediaDir, 'pics/cat.png')))).toBe(true);

    const special = await rawGet(h.port, `/media/${encodeMediaUrlPath(root.rootId, 'pics/my cat #1?.png')}?token=${h.token}`);
    expect(special.status).toBe(200);
    expect(special.body.equals(await readFile(path.join(mediaDir, 'pics/my cat #1?.png')))).toBe(true);

    const secret = await readFile(path.join(outside, 'secret.png'));
    const outsideRel = path.relative(mediaDir, path.join(outside, 'secret.png'));
    for (const attempt of [
      url(`../${path.basename(outside)}/secret.png`),
      url(outsideRel),
      url(outsideRel.split('/').map((s) => (s === '..' ? '%2e%2e' : s)).join('/')),
      url(encodeURIComponent(outsideRel)),
      url('pics/link.png'),
      url('notes.txt'),
      url('pics/cat.png', 'wrong'),
      `/media/${root.rootId}/pics/cat.png`,
    ]) {
      const res = await rawGet(h.port, attempt);
      expect([400, 401, 403, 404, 415], attempt).toContain(res.status);
      expect(res.body.includes(secret), attempt).toBe(false);
      expect(res.body.toString(), attempt).not.toContain('top secret');
    }
    expect((await rawGet(h.port, url('pics/link.png'))).status).toBe(403);
    expect((await rawGet(h.port, url('pics/cat.png', 'wrong'))).status).toBe(401);
  });

  it('closes sockets that send oversized or malformed messages', async () => {
    host = await startServeHost({ port: 0, dataDir: await tempDir('serve-cap'), rendererDir: await makeRendererDir(), maxMessageBytes: 1024 });
    const closeCode = (payload: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host!.port}/rpc?token=${host!.token}`);
        ws.on('open', () => ws.send(payload));
        ws.on('close', (code) => resolve(code));
        ws.on('error', reject);
      });
    expect(await closeCode(JSON.stringify({ type: 'call', id: 1, service: 'app', method: 'getInfo', args: { pad: 'x'.repeat(2048) } }))).toBe(1009);
    expect(await closeCode('not json')).toBe(1008);
    expect(await closeCode(JSON.stringify({ type: 'call', service: 'app' }))).toBe(1008);
  });

  it('queues calls while the host is away and sends them once it is back', async () => {
    const h = await start();
    const transport = connect(h);
    const clients = contractClients(transport);
    const { dataDir } = await clients.app.getInfo({});
    const port = h.port;
    await h.close();
    host = undefined;
    await expect.poll(() => transport.status, { timeout: 5_000 }).not.toBe('open');
    const queued = clients.app.getInfo({});
    host = await startServeHost({ port, dataDir, rendererDir: await makeRendererDir(), token: h.token });
    expect((await queued).dataDir).toBe(dataDir);
    expect(transport.status).toBe('open');
  });
});
