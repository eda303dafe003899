// The local network for newcomers, as one child process of the workstation:
// anvil with the contracts deployed and funded, and an embedded hub on
// PGlite. It reports { type: 'ready', hubUrl, rpcUrl, … } over IPC and stops
// everything when its parent goes away (IPC disconnect covers every way the
// parent can die, SIGKILL included); anvil has its own watchdog on this process.
// Started by electron/services/localNetwork/startLocalNetwork.ts; lives in
// scripts/ because it joins layers the workstation may not import (hub/).
import { startNetworkStack, type NetworkStack } from './localStack';

async function main() {
  if (!process.send) throw new Error('run this as a child process with an IPC channel (child_process.fork)');
  let stack: NetworkStack | null = null;
  let exiting = false;
  const stop = async () => {
    if (exiting) return;
    exiting = true;
    await stack?.stop();
    process.exit(0);
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    stack = await startNetworkStack({
      dataDir: process.env.GROUNDWORK_LOCAL_HUB_DATA || undefined,
      port: Number(process.env.GROUNDWORK_LOCAL_HUB_PORT ?? 0),
    });
    const { hub, anvil, chain } = stack;
    process.send({ type: 'ready', hubUrl: hub.url, rpcUrl: anvil.rpcUrl, chainId: chain.chainId, rewards: chain.rewards, token: chain.token });
  } catch (error) {
    process.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error('local network:', error);
  process.exit(1);
});
