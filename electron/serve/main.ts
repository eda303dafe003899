// `npm run serve` / the fallback of `npm start`: the browser host on a fixed
// port (IndexedDB data belongs to the origin, so a stable port keeps labels).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalNetworkIfWanted } from '../services/localNetwork/localNetworkMode';
import { startServeHost } from './startServeHost';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_PORT = 47613;

function portFromEnv(): number {
  const raw = process.env.GROUNDWORK_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`GROUNDWORK_PORT must be a port number (1-65535), got "${raw}"`);
    process.exit(2);
  }
  return port;
}

async function main() {
  const dataDir = process.env.GROUNDWORK_DATA_DIR || path.join(os.homedir(), '.groundwork');
  const rendererDir = process.env.GROUNDWORK_RENDERER_DIR || path.join(repoRoot, 'out', 'renderer');
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  // GROUNDWORK_LOCAL_NETWORK=1|auto: anvil + contracts + an embedded hub with a demo task, stopped with the host.
  const local = await startLocalNetworkIfWanted(dataDir);
  const host = await startServeHost({
    port: portFromEnv(),
    dataDir,
    rendererDir,
    version,
    token: process.env.GROUNDWORK_TOKEN || undefined,
    network: local ? { localHub: local.localHub } : undefined,
  }).catch(async (error: unknown) => {
    await local?.network.stop();
    throw error;
  });
  console.log(`Groundwork browser host is running. Open:\n\n  ${host.url}\n\nData folder: ${dataDir}  (Ctrl+C to stop)`);
  const stop = () => void host.close().then(() => local?.network.stop()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: stop when it goes away, however it ended.
  if (process.send) process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`Port ${process.env.GROUNDWORK_PORT ?? DEFAULT_PORT} is in use (is Groundwork already running?). Set GROUNDWORK_PORT to use another.`);
  else if (code === 'ENOENT') console.error(`The renderer is not built: run \`npx vite build\` (or \`npm start\`, which builds it). ${(error as Error).message}`);
  else console.error('The browser host did not start:', error);
  process.exit(1);
});
