import { ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil } from '../../native/chain';
import type { ReplicaChain } from '../../hub/replicas/replicaCluster';

/** anvil with the network deployed, for the replica cluster (hub code may not start it; the bench may). */
export async function localChain(): Promise<ReplicaChain> {
  const anvil = await startAnvil({ port: 0 });
  try {
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    return { rpcUrl: anvil.rpcUrl, ...network, operatorKey: ANVIL_DEPLOYER_KEY, stop: () => anvil.stop() };
  } catch (e) {
    await anvil.stop();
    throw e;
  }
}
