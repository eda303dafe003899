import { Wallet, toQuantity, type JsonRpcProvider } from 'ethers';
import type { RunningHub } from '../../hub/startHub';
import { call, signIn } from '../../hub/testKit';
import { ANVIL_DEPLOYER_KEY, testTokenAt } from '../../native/chain';

/**
 * What an operator does for a new requester on the local network: grant the
 * role over the hub's HTTP API (`POST /accounts/:address/roles`, the route
 * `npm run hub -- grant requester <address>` shares its write path with),
 * and, on anvil, give the wallet gas and tokens of the network's token (a
 * real requester brings their own).
 */
export async function grantRequester(hub: RunningHub, operatorKey: string, account: string): Promise<void> {
  const token = await signIn(hub, new Wallet(operatorKey));
  const res = await call<{ roles: string[] }>(hub, 'POST', `/accounts/${account}/roles`, { token, json: { role: 'requester' } });
  if (res.status !== 200) throw new Error(`requester grant refused: ${JSON.stringify(res.body)}`);
  if (!res.body.roles.includes('requester')) throw new Error(`requester grant answered roles ${JSON.stringify(res.body.roles)}`);
}

/** Gas (`eth` wei, set) and `tokens` wei of `token` (sent from the deployer, who holds the local supply). */
export async function fundWallet(provider: JsonRpcProvider, token: string, account: string, amounts: { eth: bigint; tokens: bigint }): Promise<void> {
  await provider.send('anvil_setBalance', [account, toQuantity(amounts.eth)]);
  if (amounts.tokens > 0n) {
    const receipt = await (await testTokenAt(token, new Wallet(ANVIL_DEPLOYER_KEY, provider)).transfer(account, amounts.tokens)).wait();
    if (receipt?.status !== 1) throw new Error(`token transfer to ${account} failed`);
  }
}
