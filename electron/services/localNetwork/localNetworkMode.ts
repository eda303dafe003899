import { createHubRegistry } from '../hub/hubRegistry';
import type { LocalHubOptions } from '../networkServices';
import { startLocalNetwork, type LocalNetwork } from './startLocalNetwork';

/**
 * GROUNDWORK_LOCAL_NETWORK: '1' always starts the local network, 'auto'
 * (what `npm start` sets) only when this data folder knows no hub of its own,
 * anything else never.
 */
export async function wantsLocalNetwork(dataDir: string, setting = process.env.GROUNDWORK_LOCAL_NETWORK): Promise<boolean> {
  if (setting === '1' || setting === 'true') return true;
  if (setting !== 'auto') return false;
  const { hubs } = await createHubRegistry(dataDir).list();
  return !hubs.some((hub) => !hub.local);
}

/**
 * Starts the local network when GROUNDWORK_LOCAL_NETWORK asks for it (see
 * wantsLocalNetwork) and returns it with the options createServices needs to
 * make its hub the default; null when not wanted.
 */
export async function startLocalNetworkIfWanted(dataDir: string, entry?: string): Promise<{ network: LocalNetwork; localHub: LocalHubOptions } | null> {
  if (!(await wantsLocalNetwork(dataDir))) return null;
  console.log('groundwork: starting the local network (anvil, contracts, an embedded hub with the demo tasks)…');
  const network = await startLocalNetwork({ dataDir, entry });
  console.log(`groundwork: local hub ${network.hubUrl}, chain ${network.rpcUrl} (chain id ${network.chainId}); stopped with the app.`);
  return { network, localHub: { hubUrl: network.hubUrl, rpcUrl: network.rpcUrl, ensureGas: network.ensureGas } };
}
