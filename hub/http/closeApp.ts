import type { FastifyInstance } from 'fastify';

/**
 * Closes a Fastify app without waiting out keep-alive. close() sweeps idle
 * keep-alive connections once; a response still streaming then (a media
 * download) ends later on a connection nothing sweeps again, so close waited
 * the whole 72 s keep-alive. From here on, a response that finishes keeps its
 * connection 1 ms, then Node drops it; none in flight is cut.
 */
export function closeApp(app: FastifyInstance): Promise<void> {
  app.server.keepAliveTimeout = 1;
  return app.close();
}
