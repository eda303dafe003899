import { closeApp } from '../http/closeApp';
import replyFrom from '@fastify/reply-from';
import Fastify from 'fastify';

/**
 * A round-robin HTTP proxy in front of hub replicas (Fastify +
 * @fastify/reply-from): each request goes to the next replica in turn, its
 * body streamed through untouched (no parsing, so signed batches and media
 * bytes arrive as sent). `use(n)` narrows the rotation to the first n
 * replicas, so one proxy address (the SIWE domain every replica is told)
 * serves 1, 2 or 3 replicas in turn.
 */
export interface RoundRobinProxy {
  url: string;
  /** Sends the following requests to these upstreams only. */
  use(upstreams: string[]): void;
  /** Requests forwarded to each upstream since start. */
  forwarded(): Record<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(opts: { bodyLimit?: number } = {}): Promise<RoundRobinProxy> {
  let upstreams: string[] = [];
  let next = 0;
  const counts: Record<string, number> = {};
  const app = Fastify({ bodyLimit: opts.bodyLimit ?? 1024 * 1024 * 1024 });
  // Pass every body through as the raw stream (reply-from forwards a stream as is).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  // No base: an undici Agent for any origin, and getUpstream picks the origin per request (a base would pin it).
  await app.register(replyFrom, { undici: { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 } });
  app.all('/*', (req, reply) => {
    if (upstreams.length === 0) return reply.status(503).send({ error: 'no_replica', message: 'the proxy has no replica to send to' });
    const upstream = upstreams[next++ % upstreams.length]!;
    counts[upstream] = (counts[upstream] ?? 0) + 1;
    // No source: reply-from takes the path from the request and keeps its query string.
    return reply.from(undefined, { getUpstream: () => upstream });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    use(list) {
      upstreams = [...list];
      next = 0;
    },
    forwarded: () => ({ ...counts }),
    close: () => closeApp(app),
  };
}
