import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createServices, type InferenceOptions, type Services, type VideoOptions } from '../services/createServices';
import type { NetworkOptions } from '../services/networkServices';
import { EXPORT_PREFIX, exportDownloadUrl, serveExportZip } from './exportRoute';
import { MEDIA_PREFIX, serveMedia } from './mediaRoute';
import { isAllowedHost, isAllowedOrigin, sendText, setSecurityHeaders, tokenMatches } from './requestGuards';
import { MAX_MESSAGE_BYTES, serveRpcConnection } from './rpcConnection';
import { serveStatic } from './staticFiles';

export interface ServeHostOptions {
  /** 0 picks a free port (tests). The app uses a fixed port because IndexedDB data belongs to the origin. */
  port: number;
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Defaults to 32 random bytes as hex, new each run. */
  token?: string;
  version?: string;
  /** Model folders, execution providers, threads (default: shipped models + `<dataDir>/models`, GROUNDWORK_EP). */
  inference?: InferenceOptions;
  /** Frame cache cap etc.; default from GROUNDWORK_FRAME_CACHE_MB. */
  video?: VideoOptions;
  /** Wallet settings and the local network's hub (see electron/services/localNetwork). */
  network?: NetworkOptions;
  /** Largest WebSocket message accepted from a page; larger ones close the socket (code 1009). */
  maxMessageBytes?: number;
}

export interface ServeHost {
  /** Open this in a browser: the token rides in the fragment, which is never sent to a server. */
  url: string;
  token: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

const BIND_ADDRESS = '127.0.0.1';

/**
 * The browser host: the built renderer over HTTP and the contract over a
 * WebSocket at /rpc, both on 127.0.0.1 only, guarded by a per-run token, a
 * Host-header check and (for the socket) an Origin check.
 */
export async function startServeHost(options: ServeHostOptions): Promise<ServeHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = await realpath(options.rendererDir);
  const exportDelivery = { downloadUrl: (name: string) => exportDownloadUrl(name, token) };
  const services = await createServices({ dataDir: options.dataDir, host: { kind: 'browser', version: options.version ?? '0.0.0', electronVersion: null, exportDelivery }, inference: options.inference, video: options.video, network: options.network });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES });
  wss.on('connection', (socket) => serveRpcConnection(socket, services.dispatcher));
  let port = options.port;

  async function handleRequest(req: IncomingMessage, res: ServerResponse) {
    setSecurityHeaders(res, port);
    if (!isAllowedHost(req.headers.host, port)) return sendText(res, 421, 'this server only answers to 127.0.0.1 and localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'only GET is served');
    const url = new URL(req.url ?? '/', `http://${BIND_ADDRESS}:${port}`);
    if (url.pathname.startsWith(MEDIA_PREFIX)) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return sendText(res, 401, 'media needs the session token');
      return serveMedia(services.roots, url.pathname, res);
    }
    if (url.pathname.startsWith(EXPORT_PREFIX)) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return sendText(res, 401, 'exports need the session token');
      return serveExportZip(path.resolve(options.dataDir), url.pathname, res, req.method === 'HEAD');
    }
    if (url.pathname === '/rpc') return sendText(res, 426, 'the contract is served over WebSocket');
    return serveStatic(rendererDir, url.pathname, res);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', `http://${BIND_ADDRESS}:${port}`);
    const refusal = !isAllowedHost(req.headers.host, port)
      ? [421, 'wrong Host']
      : url.pathname !== '/rpc'
        ? [404, 'no such endpoint']
        : !tokenMatches(url.searchParams.get('token'), token)
          ? [401, 'missing or wrong token']
          : !isAllowedOrigin(req.headers.origin, port)
            ? [403, 'wrong Origin']
            : null;
    if (refusal) return refuseUpgrade(socket, refusal[0] as number, refusal[1] as string);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      console.error('groundwork serve: request failed:', error);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, BIND_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${BIND_ADDRESS}:${port}/#token=${token}`,
    token,
    port,
    services,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Running jobs stop between items and are left resumable on disk; the engine waits for its current run.
      await services.dispose();
    },
  };
}

function refuseUpgrade(socket: Duplex, status: number, reason: string) {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
