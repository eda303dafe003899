import { ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle, type LocalNetwork } from '../../../../native/chain';

/** A real anvil with Groundwork's contracts (token, rewards distributor, stake registry) deployed: what the trust checks read. */
export async function startChainWithContracts(chainId?: number): Promise<{ anvil: AnvilHandle; chain: LocalNetwork }> {
  const anvil = await startAnvil(chainId ? { chainId } : {});
  try {
    return { anvil, chain: await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY) };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
