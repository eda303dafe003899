// One local chain-and-hub stack: anvil with the contracts deployed and funded,
// and a hub on PGlite that posts roots as the operator (anvil account 0) and
// takes tasks from the requester (account 1). Used by the workstation's local
// network (localNetworkProcess.ts) and by the e2e journeys, so both run the
// very same stack. Lives in scripts/ because it joins hub/ and native/.
import type { HubConfig } from '../hub/config';
import { startHub, type RunningHub } from '../hub/startHub';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle, type LocalNetwork } from '../native/chain';

export interface NetworkStack {
  anvil: AnvilHandle;
  chain: LocalNetwork;
  hub: RunningHub;
  /** Stops the hub, then anvil; safe to call more than once. */
  stop(): Promise<void>;
}

/** `hubOverrides` go to `startHub` last (a data dir, a fixed port, a `publicUrl` behind a proxy…). */
export async function startNetworkStack(hubOverrides: Partial<HubConfig> = {}): Promise<NetworkStack> {
  const anvil = await startAnvil({});
  let hub: RunningHub | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await hub?.close().catch(() => undefined);
      await anvil.stop();
    })());
  try {
    const chain = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startHub({
      chainId: chain.chainId,
      rewardsContract: chain.rewards,
      token: chain.token,
      // Staked tokens count toward tiers only when the hub can read the registry.
      stakeRegistry: chain.stakeRegistry,
      rpcUrl: anvil.rpcUrl,
      operatorKey: ANVIL_DEPLOYER_KEY,
      operators: [chain.operator],
      requesters: [ANVIL_ACCOUNTS[1].address],
      verifyWorkers: 0,
      // Everyone on the local network signs in from 127.0.0.1 (the user, the demo's simulated annotators,
      // the requester and operator clients): sign-in is limited per IP, so one machine gets a larger allowance.
      rateLimit: { signInPerIp: 600 },
      ...hubOverrides,
    });
    return { anvil, chain, hub, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
