import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

/**
 * GET with the request path sent byte for byte: fetch() and URL normalise
 * "../" and "%2e%2e" away, which would hide exactly what a traversal test sends.
 */
export function rawGet(host: string, port: number, rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, path: rawPath, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), headers: response.headers }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Resolves with the connect error code ('ECONNREFUSED', ...) or 'connected'. */
export function tryConnect(host: string, port: number, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}
