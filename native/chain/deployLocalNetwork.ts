import { ContractFactory, NonceManager, Wallet, parseUnits } from 'ethers';
import { loadArtifact } from './loadArtifact';
import { connectRpc } from './rpcProvider';
import { testTokenAt } from './rewardsContracts';

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
  /** Tokens minted to the distributor so claims can pay. Default 1,000,000 GWT (18 decimals). */
  fundAmount?: bigint;
  /** StakeRegistry's unbonding period in seconds. Default 120: short, so a newcomer can try withdraw on the local network. */
  unbondingPeriod?: number;
}

export const LOCAL_UNBONDING_PERIOD_SECONDS = 120;

/**
 * Deploys TestToken, RewardsDistributor and StakeRegistry from the committed
 * artifacts and funds the distributor. The deployer becomes admin, pauser,
 * operator, slasher and treasury. The registry is deployed last, so the token and
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
    const rewards = await new ContractFactory(rewardsArtifact.abi, rewardsArtifact.bytecode, deployer).deploy(tokenAddress, operator, operator);
    await Promise.all([token.waitForDeployment(), rewards.waitForDeployment()]);
    const rewardsAddress = await rewards.getAddress();

    const mint = await testTokenAt(tokenAddress, deployer).mint(rewardsAddress, options.fundAmount ?? parseUnits('1000000', 18));
    const receipt = await mint.wait();
    if (receipt?.status !== 1) throw new Error(`funding the distributor failed (tx ${mint.hash})`);
    const stakeArtifact = loadArtifact('StakeRegistry');
    const unbondingPeriod = options.unbondingPeriod ?? LOCAL_UNBONDING_PERIOD_SECONDS;
    const stake = await new ContractFactory(stakeArtifact.abi, stakeArtifact.bytecode, deployer).deploy(tokenAddress, operator, operator, operator, unbondingPeriod);
    await stake.waitForDeployment();
    return { token: tokenAddress, rewards: rewardsAddress, stakeRegistry: await stake.getAddress(), chainId: Number(chainId), operator };
  } finally {
    provider.destroy();
  }
}
