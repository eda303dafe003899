// Local EVM chain for Groundwork: anvil lifecycle, contract artifacts, deployment,
// and the rewards tree the operator posts. See README.md.
export { startAnvil, ANVIL_DEFAULT_CHAIN_ID, type AnvilHandle, type StartAnvilOptions } from './startAnvil';
export { anvilBinaryPath } from './anvilBinary';
export { loadArtifact, artifactsDir, type ContractArtifact, type ContractName } from './loadArtifact';
export { deployLocalNetwork, LOCAL_UNBONDING_PERIOD_SECONDS, LOCAL_CLOSE_DELAY_SECONDS, type LocalNetwork, type DeployOptions } from './deployLocalNetwork';
export { connectRpc } from './rpcProvider';
export { rewardsDistributorAt, testTokenAt, type RewardsDistributorContract, type TestTokenContract, type PoolOfResult } from './rewardsContracts';
export { fundTask } from './fundTask';
export { stakeRegistryAt, type StakeRegistryContract, type StakeOfResult } from './stakeContracts';
export { buildRewardsTree, loadRewardsTree, REWARDS_LEAF_TYPES, type RewardsTree, type RewardsTreeInput, type RewardEntry } from '../../core/sync/rewardsTree';
export { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY } from './defaultAccounts';
