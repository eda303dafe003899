import { getAddress } from 'ethers';
import type { HubConfig, TrustCheck } from '../../common/services/hubService';
import { rpcCall } from './rpcCall';
import { assertRpcChain } from './rpcChainId';

/** `token()`: both the RewardsDistributor and the StakeRegistry name the ERC-20 they hold with it. */
const TOKEN_SELECTOR = '0xfc0c546a';

export interface ContractCheckResult {
  /** The config with its token filled in from the rewards contract when the hub did not name one. */
  config: HubConfig;
  checks: TrustCheck[];
  /** What is wrong, one sentence each; any problem means the values must not be trusted. */
  problems: TrustProblem[];
}

export interface TrustProblem {
  code: 'no-code' | 'token-mismatch';
  message: string;
}

async function hasCode(rpcUrl: string, address: string): Promise<boolean> {
  return (await rpcCall<string>(rpcUrl, 'eth_getCode', [address, 'latest'])) !== '0x';
}

async function tokenOf(rpcUrl: string, contract: string): Promise<string | null> {
  try {
    const word = await rpcCall<string>(rpcUrl, 'eth_call', [{ to: contract, data: TOKEN_SELECTOR }, 'latest']);
    return word.length === 66 ? getAddress(`0x${word.slice(26)}`) : null;
  } catch {
    return null;
  }
}

/**
 * What the workstation checks over the chain's own RPC before it proposes a
 * hub's values for trust: the RPC serves the hub's chain (refused otherwise),
 * each announced address has code, the rewards contract pays the announced
 * token, and the stake registry holds that same token (it is what staking
 * approves). Without an RPC URL nothing can be checked and the proposal says so.
 */
export async function checkHubContracts(candidate: HubConfig): Promise<ContractCheckResult> {
  const rpcUrl = candidate.rpcUrl;
  if (!rpcUrl) {
    const detail = 'no chain RPC URL: the contracts were not checked (give the RPC URL of the hub\'s chain to check them)';
    return { config: candidate, checks: [{ check: 'no-rpc', status: 'unchecked', detail }], problems: [] };
  }
  await assertRpcChain(rpcUrl, candidate.chainId);
  const checks: TrustCheck[] = [{ check: 'rpc-chain', status: 'ok', detail: `${rpcUrl} serves chain ${candidate.chainId}` }];
  const problems: TrustProblem[] = [];
  const noCode = (message: string) => problems.push({ code: 'no-code', message });
  const mismatch = (message: string) => problems.push({ code: 'token-mismatch', message });
  const config = { ...candidate };

  const coded: [TrustCheck['check'], string, string | null | undefined][] = [
    ['rewards-code', 'the rewards contract', candidate.rewardsContract],
    ['token-code', 'the token', candidate.token],
    ['stake-registry-code', 'the stake registry', candidate.stakeRegistry],
  ];
  for (const [check, name, at] of coded) {
    if (!at) continue;
    if (await hasCode(rpcUrl, at)) checks.push({ check, status: 'ok', detail: `${name} ${at} has code on chain ${candidate.chainId}` });
    else noCode(`${name} ${at} has no code on chain ${candidate.chainId}`);
  }
  if (problems.length > 0) return { config, checks, problems };

  const rewardsToken = await tokenOf(rpcUrl, candidate.rewardsContract);
  if (rewardsToken === null) mismatch(`the rewards contract ${candidate.rewardsContract} does not answer token()`);
  else if (candidate.token === null) {
    config.token = rewardsToken;
    if (await hasCode(rpcUrl, rewardsToken)) checks.push({ check: 'rewards-token', status: 'ok', detail: `the rewards contract pays ${rewardsToken} (the hub did not name a token)` });
    else noCode(`the token ${rewardsToken} of the rewards contract has no code on chain ${candidate.chainId}`);
  } else if (rewardsToken !== candidate.token) mismatch(`the rewards contract pays ${rewardsToken}, not the announced token ${candidate.token}`);
  else checks.push({ check: 'rewards-token', status: 'ok', detail: `the rewards contract pays the announced token ${rewardsToken}` });

  if (candidate.stakeRegistry && config.token) {
    const staked = await tokenOf(rpcUrl, candidate.stakeRegistry);
    if (staked !== config.token) mismatch(`the stake registry ${candidate.stakeRegistry} holds ${staked ?? 'no token()'}, not the token ${config.token}: staking would approve another token`);
    else checks.push({ check: 'stake-registry-token', status: 'ok', detail: `staking approves ${staked} for the stake registry` });
  }
  return { config, checks, problems };
}
