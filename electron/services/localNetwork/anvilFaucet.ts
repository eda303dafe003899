import { connectRpc } from '../../../native/chain';

const ONE_ETH = 10n ** 18n;

/**
 * Gas money for the workstation's own wallet on the local chain: a new wallet
 * has no ETH, and a claim is a transaction it pays for. anvil's
 * `anvil_setBalance` tops it up to 1 ETH; real chains never see this.
 */
export async function ensureLocalGas(rpcUrl: string, account: string): Promise<void> {
  const provider = connectRpc(rpcUrl);
  try {
    if ((await provider.getBalance(account)) >= ONE_ETH / 10n) return;
    await provider.send('anvil_setBalance', [account, `0x${ONE_ETH.toString(16)}`]);
  } finally {
    provider.destroy();
  }
}
