// Test and bench support: one anvil, contracts deployed from the committed
// artifacts, and the wallets that act on them. Not used by the app.
import { Wallet, randomBytes, getAddress, hexlify, type JsonRpcProvider } from 'ethers';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY } from '../defaultAccounts';
import { deployLocalNetwork, type DeployOptions, type LocalNetwork } from '../deployLocalNetwork';
import { connectRpc } from '../rpcProvider';
import { rewardsDistributorAt, testTokenAt, type RewardsDistributorContract, type TestTokenContract } from '../rewardsContracts';
import { fundTask } from '../fundTask';
import { startAnvil, type AnvilHandle, type StartAnvilOptions } from '../startAnvil';

export interface Deployment extends LocalNetwork {
  /** The distributor as the operator (account 0) sees it. */
  asOperator: RewardsDistributorContract;
  /** The distributor as the relayer (account 1), who claims on others' behalf. */
  asRelayer: RewardsDistributorContract;
  tokenContract: TestTokenContract;
  /** Funds `task`'s pool with `amount` of the TestToken from `from` (default the operator, who then is its requester). */
  fund(task: string, amount: bigint, from?: Wallet): Promise<void>;
  /** The distributor as `wallet` sees it (a requester closing its task, say). */
  rewardsAs(wallet: Wallet): RewardsDistributorContract;
}

export interface LocalChain {
  anvil: AnvilHandle;
  provider: JsonRpcProvider;
  operator: Wallet;
  relayer: Wallet;
  /** A fresh TestToken + RewardsDistributor + StakeRegistry on this chain. */
  deploy(options?: DeployOptions): Promise<Deployment>;
  stop(): Promise<void>;
}

export async function startLocalChain(options: StartAnvilOptions = {}): Promise<LocalChain> {
  const anvil = await startAnvil(options);
  const provider = connectRpc(anvil.rpcUrl);
  const operator = new Wallet(ANVIL_DEPLOYER_KEY, provider);
  const relayer = new Wallet(ANVIL_ACCOUNTS[1].privateKey, provider);
  return {
    anvil,
    provider,
    operator,
    relayer,
    async deploy(deployOptions?: DeployOptions) {
      const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY, deployOptions);
      return {
        ...network,
        asOperator: rewardsDistributorAt(network.rewards, operator),
        asRelayer: rewardsDistributorAt(network.rewards, relayer),
        tokenContract: testTokenAt(network.token, provider),
        rewardsAs: (wallet) => rewardsDistributorAt(network.rewards, wallet),
        fund: (task, amount, from = operator) => fundTask(from, network.rewards, network.token, task, amount),
      };
    },
    async stop() {
      provider.destroy();
      await anvil.stop();
    },
  };
}

/** A random bytes32 task id. */
export function randomTask(bytes: (n: number) => Uint8Array = randomBytes): string {
  return hexlify(bytes(32));
}

/** A random account address; it needs no ETH, since the relayer claims for it. */
export function randomAccount(bytes: (n: number) => Uint8Array = randomBytes): string {
  return getAddress(hexlify(bytes(20)));
}

/** Sends a transaction through `call` and waits for it; returns the receipt (throws on revert). */
export async function mined(call: Promise<{ wait(): Promise<unknown> }>) {
  const tx = await call;
  const receipt = (await tx.wait()) as { status: number; gasUsed: bigint; blockNumber: number; logs: readonly unknown[] } | null;
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return receipt;
}
