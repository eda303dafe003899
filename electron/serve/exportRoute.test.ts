import { mkdir, symlink } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebSocketTransport } from '../common/contract/webSocketTransport';
import { contractClients } from '../services/testSupport/contractClients';
import { makePng, tempDir, writeFiles } from '../services/testSupport/fixtureImages';
import { startServeHost, type ServeHost } from './startServeHost';
import { makeRendererDir, rawGet } from './testSupport';

let host: ServeHost | undefined;
let closeTransport: (() => void) | undefined;
afterEach(async () => {
  closeTransport?.();
  await host?.close();
  host = undefined;
});

async function startWithExport() {
  const dataDir = await tempDir('export-route');
  const mediaDir = await tempDir('export-media');
  await writeFiles(mediaDir, { 'a.png': await makePng(8, 6), 'sub/b.png': await makePng(4, 4, 90) });
  host = await startServeHost({ port: 0, dataDir, rendererDir: await makeRendererDir() });
  const transport = createWebSocketTransport({ url: `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, WebSocket, initialDelayMs: 20, maxDelayMs: 100 });
  closeTransport = () => transport.close();
  const clients = contractClients(transport);
  const root = await clients.media.openFolder({ path: mediaDir });
  const written = await clients.media.writeExport({
    name: 'shots-yolo',
    files: [{ path: 'data.yaml', content: 'path: shots-yolo\n' }, { path: 'labels/val/sub/b.txt', content: '0 0.5 0.5 0.1 0.1\n' }],
    images: { rootId: root.rootId, copies: [{ path: 'images/train/a.png', relPath: 'a.png' }, { path: 'images/val/sub/b.png', relPath: 'sub/b.png' }] },
  });
  return { h: host, dataDir, clients, root, written };
}

describe('export download (browser host)', () => {
  it('hands the page a token-guarded URL and streams the export folder as a zip under one folder of its name', async () => {
    const { h, clients, written } = await startWithExport();
    expect(written.name).toBe('shots-yolo');
    const delivery = await clients.media.deliverExport({ name: 'shots-yolo' });
    expect(delivery).toEqual({ kind: 'download', url: `/exports/shots-yolo.zip?token=${h.token}` });
    const res = await rawGet(h.port, delivery.kind === 'download' ? delivery.url : '');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="shots-yolo.zip"');
    const entries = unzipSync(new Uint8Array(res.body));
    expect(Object.keys(entries).sort()).toEqual(['shots-yolo/data.yaml', 'shots-yolo/images/train/a.png', 'shots-yolo/images/val/sub/b.png', 'shots-yolo/labels/val/sub/b.txt']);
    expect(strFromU8(entries['shots-yolo/labels/val/sub/b.txt']!)).toBe('0 0.5 0.5 0.1 0.1\n');
    expect(Buffer.from(entries['shots-yolo/images/train/a.png']!)).toEqual(await makePng(8, 6));
  });

  it('answers a HEAD with the zip headers and no body', async () => {
    const { h } = await startWithExport();
    const head = await new Promise<{ status: number; type: string | undefined; body: number }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: h.port, path: `/exports/shots-yolo.zip?token=${h.token}`, method: 'HEAD' }, (res) => {
        let body = 0;
        res.on('data', (c: Buffer) => (body += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(head).toEqual({ status: 200, type: 'application/zip', body: 0 });
  });

  it('needs the session token', async () => {
    const { h } = await startWithExport();
    expect((await rawGet(h.port, '/exports/shots-yolo.zip')).status).toBe(401);
    expect((await rawGet(h.port, '/exports/shots-yolo.zip?token=wrong')).status).toBe(401);
  });

  it('serves finished exports only: no path traversal, no temporary folder, no link out of exports/', async () => {
    const { h, dataDir } = await startWithExport();
    const outside = await tempDir('export-outside');
    await writeFiles(outside, { 'secret.txt': 'secret' });
    await mkdir(path.join(dataDir, 'exports', '.tmp-abc'));
    await writeFiles(path.join(dataDir, 'exports', '.tmp-abc'), { 'x.txt': 'half' });
    await symlink(outside, path.join(dataDir, 'exports', 'linked'));
    const q = `?token=${h.token}`;
    for (const p of ['/exports/..%2F..%2Fetc.zip', '/exports/%2e%2e.zip', '/exports/../roots.json.zip', '/exports/shots-yolo%2Fimages.zip', '/exports/shots-yolo%5Cimages.zip', '/exports/.tmp-abc.zip', '/exports/linked.zip', '/exports/nope.zip', '/exports/shots-yolo', '/exports/%E0%A4%A.zip']) {
      const res = await rawGet(h.port, `${p}${q}`);
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.body.toString()).not.toContain('secret');
    }
  });

  it('refuses to deliver an export that does not exist, with a message saying so', async () => {
    const { clients } = await startWithExport();
    await expect(clients.media.deliverExport({ name: 'never-written' })).rejects.toThrow(/there is no export "never-written"/);
    await expect(clients.media.deliverExport({ name: '../x' })).rejects.toThrow(/name/);
  });

  it('writes nothing when an image to copy cannot be read from the granted root', async () => {
    const { clients, root } = await startWithExport();
    await expect(
      clients.media.writeExport({ name: 'bad', files: [{ path: 'data.yaml', content: 'x' }], images: { rootId: root.rootId, copies: [{ path: 'images/x.png', relPath: 'missing.png' }] } }),
    ).rejects.toThrow(/nothing was saved: an image could not be copied: "missing.png" does not exist/);
    await expect(rawGet(host!.port, `/exports/bad.zip?token=${host!.token}`)).resolves.toMatchObject({ status: 404 });
  });
});
