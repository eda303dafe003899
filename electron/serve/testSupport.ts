// Helpers for the browser host's tests: a throwaway renderer folder and raw HTTP requests with chosen headers.
import http from 'node:http';
import { writeFiles, tempDir } from '../services/testSupport/fixtureImages';

export async function makeRendererDir(): Promise<string> {
  const dir = await tempDir('renderer');
  await writeFiles(dir, {
    'index.html': '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body>groundwork</body></html>',
    'assets/app.js': 'document.body.dataset.ready = "yes";',
  });
  return dir;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose path and Host header are sent exactly as given (fetch would normalise ../ and refuse to set Host). */
export function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
