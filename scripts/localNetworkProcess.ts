// The local network for newcomers, as one child process of the workstation:
// anvil with the contracts deployed and funded, and an embedded hub on
// PGlite. It reports { type: 'ready', hubUrl, rpcUrl, … } over IPC and stops
// everything when its parent goes away (IPC disconnect covers every way the
// parent can die, SIGKILL included); anvil has its own watchdog on this process.
// Started by electron/services/localNetwork/startLocalNetwork.ts; lives in
// scripts/ because it joins layers the workstation may not import (hub/).
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil } from '../native/chain';
import { startHub } from '../hub/startHub';

async function main() {
  if (!process.send) throw new Error('run this as a child process with an IPC channel (child_process.fork)');
  const hubDataDir = process.env.GROUNDWORK_LOCAL_HUB_DATA || undefined;
  const anvil = await startAnvil({});
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await hub?.close().catch(() => undefined);
      await anvil.stop();
      process.exit(0);
    })());
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startHub({
      chainId: network.chainId,
      rewardsContract: network.rewards,
      token: network.token,
      // Staked tokens count toward tiers only when the hub can read the registry.
      stakeRegistry: network.stakeRegistry,
      rpcUrl: anvil.rpcUrl,
      operatorKey: ANVIL_DEPLOYER_KEY,
      operators: [network.operator],
      requesters: [ANVIL_ACCOUNTS[1].address],
      dataDir: hubDataDir,
      port: Number(process.env.GROUNDWORK_LOCAL_HUB_PORT ?? 0),
      verifyWorkers: 0,
    });
    process.send({ type: 'ready', hubUrl: hub.url, rpcUrl: anvil.rpcUrl, chainId: network.chainId, rewards: network.rewards, token: network.token });
  } catch (error) {
    process.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error('local network:', error);
  process.exit(1);
});
