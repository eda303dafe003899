import { afterEach } from 'vitest';
import { createFrameServer } from '../frames/frameServer';
import type { FrameServer, FrameServerOptions } from '../types';

/**
 * Frame servers that make packs, closed after each test of the file that
 * calls this (at module level). Normal priority: at 19 a build starves
 * behind the other suites on a shared 2-core machine.
 */
export function packServersClosedAfterEach(): (options: Partial<FrameServerOptions> & { cacheDir: string }) => FrameServer {
  const servers: FrameServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return (options) => {
    const created = createFrameServer({ diskCache: false, framePacks: true, framePackNiceness: 0, ...options });
    servers.push(created);
    return created;
  };
}
