// Runs the real browser host in its own process for the e2e suite (started by
// startHost.ts through tsx). It prints one READY line with what the tests need
// and stops when told to (SIGTERM/SIGINT) or when its parent goes away (stdin
// closes), so no host outlives a test run.
import { startServeHost } from '../../electron/serve/startServeHost';
import { formatReadyLine } from './hostReadyLine';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`hostProcess: ${name} must be set`);
  return value;
}

async function main(): Promise<void> {
  const host = await startServeHost({
    port: 0, // the OS picks a free port
    dataDir: required('GROUNDWORK_E2E_HOST_DATA_DIR'),
    rendererDir: required('GROUNDWORK_E2E_HOST_RENDERER_DIR'),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('hostProcess: close failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.stdout.write(formatReadyLine({ url: host.url, token: host.token, port: host.port }));
}

main().catch((error: unknown) => {
  console.error('hostProcess: the browser host did not start:', error);
  process.exit(1);
});
