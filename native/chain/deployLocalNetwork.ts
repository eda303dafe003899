import { ContractFactory, NonceManager, Wallet, parseUnits } from 'ethers';
import { loadArtifact } from './loadArtifact';
import { connectRpc } from './rpcProvider';
import { testTokenAt } from './rewardsContracts';
import { ANVIL_ACCOUNTS } from './defaultAccounts';

export interface LocalNetwork {
  /** TestToken address. */
  token: string;
  /** RewardsDistributor address. */
  rewards: string;
  /** StakeRegistry address (same token; the operator slashes, slashed tokens go to the operator as treasury). */
  stakeRegistry: string;
  chainId: number;
  /** The deployer: admin, pauser, operator (posts roots), slasher and treasury. */
  operator: string;
}

export interface DeployOptions {
  /** Tokens minted to the deployer and to each of `holders`, to fund task pools and stake. Default 1,000,000 GWT (18 decimals). */
  fundAmount?: bigint;
  /** Accounts minted `fundAmount` besides the deployer. Default: anvil account 1, the local requester. */
  holders?: string[];
  /** Seconds between a requester's requestClose and its refund. Default `LOCAL_CLOSE_DELAY_SECONDS`. */
  closeDelay?: number;
  /** StakeRegistry's unbonding period in seconds. Default 120: short, so a newcomer can try withdraw on the local network. */
  unbondingPeriod?: number;
}

export const LOCAL_UNBONDING_PERIOD_SECONDS = 120;
/** Short on the local network: the operator has this long after a requester's close to post the final allocation. */
export const LOCAL_CLOSE_DELAY_SECONDS = 60;

/**
 * Deploys TestToken, RewardsDistributor and StakeRegistry from the committed
 * artifacts and mints tokens to the deployer and the local requester, who fund
 * task pools with them (the distributor holds only what was deposited for tasks).
 * The deployer becomes admin, pauser, operator, slasher and treasury. The registry is deployed last, so the token and
 * distributor keep the addresses they always had on a fresh anvil.
 */
export async function deployLocalNetwork(rpcUrl: string, deployerPrivateKey: string, options: DeployOptions = {}): Promise<LocalNetwork> {
  const provider = connectRpc(rpcUrl);
  try {
    const wallet = new Wallet(deployerPrivateKey, provider);
    const deployer = new NonceManager(wallet);
    const operator = wallet.address;
    const { chainId } = await provider.getNetwork();

    const tokenArtifact = loadArtifact('TestToken');
    const token = await new ContractFactory(tokenArtifact.abi, tokenArtifact.bytecode, deployer).deploy(operator);
    const rewardsArtifact = loadArtifact('RewardsDistributor');
    const tokenAddress = await token.getAddress();
    const rewards = await new ContractFactory(rewardsArtifact.abi, rewardsArtifact.bytecode, deployer).deploy(tokenAddress, operator, operator, options.closeDelay ?? LOCAL_CLOSE_DELAY_SECONDS);
    await Promise.all([token.waitForDeployment(), rewards.waitForDeployment()]);
    const rewardsAddress = await rewards.getAddress();

    // One mint, to the deployer, keeps the registry at nonce 3 (its address on a fresh anvil); the holders get theirs after.
    const amount = options.fundAmount ?? parseUnits('1000000', 18);
    const holders = options.holders ?? [ANVIL_ACCOUNTS[1].address];
    const mint = await testTokenAt(tokenAddress, deployer).mint(operator, amount * BigInt(1 + holders.length));
    const receipt = await mint.wait();
    if (receipt?.status !== 1) throw new Error(`minting the test token failed (tx ${mint.hash})`);
    const stakeArtifact = loadArtifact('StakeRegistry');
    const unbondingPeriod = options.unbondingPeriod ?? LOCAL_UNBONDING_PERIOD_SECONDS;
    const stake = await new ContractFactory(stakeArtifact.abi, stakeArtifact.bytecode, deployer).deploy(tokenAddress, operator, operator, operator, unbondingPeriod);
    await stake.waitForDeployment();
    for (const holder of holders) {
      const sent = await testTokenAt(tokenAddress, deployer).transfer(holder, amount);
      if ((await sent.wait())?.status !== 1) throw new Error(`funding ${holder} failed (tx ${sent.hash})`);
    }
    return { token: tokenAddress, rewards: rewardsAddress, stakeRegistry: await stake.getAddress(), chainId: Number(chainId), operator };
  } finally {
    provider.destroy();
  }
}
