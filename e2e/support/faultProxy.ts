import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop' | 'reset-after-hub' | 'error-500' | 'error-500-after-hub' | 'delay';

export interface FaultCounts {
  requests: number;
  faults: Record<Fault, number>;
  upstreamDown: number;
}

/**
 * An HTTP proxy on loopback that forwards to `target()` and misbehaves on a
 * share of the requests: drops them unanswered (socket closed), forwards them
 * and then resets the connection before the answer arrives (the hub did the
 * work, the client never hears of it), answers 500 before or after the hub
 * saw the request, or delays the answer. While the upstream is down it resets
 * every connection, as a stopped hub would look.
 */
export async function startFaultProxy(options: { target: () => string; faultRate: number; random?: () => number }) {
  const random = options.random ?? Math.random;
  const counts: FaultCounts = { requests: 0, faults: { drop: 0, 'reset-after-hub': 0, 'error-500': 0, 'error-500-after-hub': 0, delay: 0 }, upstreamDown: 0 };
  const kinds: Fault[] = ['drop', 'reset-after-hub', 'error-500', 'error-500-after-hub', 'delay'];

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = new URL(req.url ?? '/', options.target());
      const out = httpRequest(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const answer = (res: ServerResponse, r: { status: number; headers: IncomingMessage['headers']; body: Buffer }) => {
    const { 'transfer-encoding': _te, connection: _c, 'keep-alive': _ka, ...headers } = r.headers;
    res.writeHead(r.status, { ...headers, 'content-length': r.body.length });
    res.end(r.body);
  };
  const reset = (req: IncomingMessage) => req.socket.resetAndDestroy();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      counts.requests++;
      const body = Buffer.concat(chunks);
      const fault = random() < options.faultRate ? kinds[Math.floor(random() * kinds.length)]! : null;
      if (fault) counts.faults[fault]++;
      try {
        if (fault === 'drop') return reset(req);
        if (fault === 'error-500') return answer(res, { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error":"internal","message":"injected fault"}') });
        const upstream = await forward(req, body);
        if (fault === 'reset-after-hub') return reset(req);
        if (fault === 'error-500-after-hub') return answer(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: Buffer.from('injected fault after the hub answered') });
        if (fault === 'delay') await new Promise((r) => setTimeout(r, 50 + random() * 400));
        answer(res, upstream);
      } catch {
        counts.upstreamDown++;
        reset(req);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
