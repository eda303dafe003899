import { randomUUID } from 'node:crypto';
import { Contract } from 'ethers';
import { rewardsDistributorAt } from '../../../native/chain';
import { createChainAccess } from '../chain/chainAccess';
import type { EventEmitterFor, ServiceImpl } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { ClaimStatus, Rewards, rewardsService } from '../../common/services/rewardsService';
import { hubJson, normalizeHubUrl } from '../hub/hubHttp';
import type { HubRegistry } from '../hub/hubRegistry';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { createPoolClosing } from './poolClosing';
import { createTaskDeposits } from './taskDeposits';
import { ERC20_ABI } from '../chain/erc20Abi';


/** One task's claim: the arguments of claim(task, account, cumulative, root, proof), paid from that task's pool. */
interface HubTaskClaim {
  task: string;
  token: string | null;
  cumulative: string;
  proof: string[];
}

interface HubProof {
  epoch: string | number | null;
  root: string | null;
  claims?: HubTaskClaim[];
}

/** A task's claim with what the contract already paid on it. */
interface TaskClaim extends HubTaskClaim {
  claimed: bigint;
}

export interface RewardsOptions {
  /** Gives the account gas money before a claim (the local network's anvil faucet); real chains leave it out. */
  ensureGas?: (rpcUrl: string, account: string) => Promise<void>;
}

/** Why a transaction failed, in the contract's words when it reverted with a custom error. */
function reasonOf(error: unknown): string {
  const e = error as { revert?: { name?: string; args?: unknown[] }; shortMessage?: string; message?: string };
  if (e.revert?.name) return e.revert.name;
  return e.shortMessage ?? e.message ?? String(error);
}

export function createRewardsService(registry: HubRegistry, keys: WalletKeys, emit: EventEmitterFor<typeof rewardsService>, options: RewardsOptions = {}) {
  const chains = createChainAccess(registry);
  const claims: ClaimStatus[] = [];
  const waiting = new Set<Promise<void>>();

  async function account(): Promise<string> {
    const address = await keys.address();
    if (!address) throw new ServiceError('there is no wallet yet: create or import one', { code: 'no-wallet' });
    return address;
  }

  async function read(hubUrl: string): Promise<Rewards & { proof: HubProof; tasks: TaskClaim[] }> {
    const address = await account();
    const { config, provider } = await chains.chainOf(hubUrl);
    const proof = await hubJson<HubProof>(hubUrl, `/rewards/${address}`);
    // The pinned distributor and token: a hub cannot point the wallet at other contracts after the user trusted it.
    const distributor = rewardsDistributorAt(config.rewardsContract, provider);
    const tokenAddress = config.token;
    if (!tokenAddress) throw new ServiceError(`the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL and confirm`, { code: 'no-rpc' });
    const token = new Contract(tokenAddress, ERC20_ABI, provider);
    // Only the pinned token's pools are counted here: amounts in another token would not add up.
    const served = (proof.claims ?? []).filter((c) => c.token === null || c.token.toLowerCase() === tokenAddress.toLowerCase());
    const [paid, balance, symbol, decimals] = await Promise.all([
      Promise.all(served.map((c) => distributor.getFunction('claimed')(c.task, address) as Promise<bigint>)),
      token.getFunction('balanceOf')(address) as Promise<bigint>,
      (token.getFunction('symbol')() as Promise<string>).catch(() => null),
      (token.getFunction('decimals')() as Promise<bigint>).then(Number).catch(() => null),
    ]);
    const tasks = served.map((c, i) => ({ ...c, claimed: paid[i]! }));
    const earned = tasks.reduce((sum, c) => sum + BigInt(c.cumulative), 0n);
    const claimed = tasks.reduce((sum, c) => sum + c.claimed, 0n);
    return {
      hubUrl,
      account: address,
      chainId: config.chainId,
      contract: config.rewardsContract,
      token: tokenAddress,
      tokenSymbol: symbol,
      tokenDecimals: decimals,
      epoch: proof.epoch === null ? 0 : Number(proof.epoch),
      earned: earned.toString(),
      claimed: claimed.toString(),
      claimable: (earned > claimed ? earned - claimed : 0n).toString(),
      balance: balance.toString(),
      proof,
      tasks,
    };
  }

  function record(status: ClaimStatus): ClaimStatus {
    const at = claims.findIndex((c) => c.claimId === status.claimId);
    if (at >= 0) claims[at] = status;
    else claims.unshift(status);
    emit('claimChanged', status);
    return status;
  }

  const deposits = createTaskDeposits({ chains, account, signer: () => keys.signer(), emit, ensureGas: options.ensureGas, reasonOf });
  const closing = createPoolClosing({ chains, account, signer: () => keys.signer(), ensureGas: options.ensureGas, reasonOf });

  const service: ServiceImpl<typeof rewardsService> = {
    get: async ({ hubUrl }) => {
      const { proof: _proof, tasks: _tasks, ...rewards } = await read(normalizeHubUrl(hubUrl));
      return rewards;
    },
    claim: async ({ hubUrl: rawUrl }) => {
      const hubUrl = normalizeHubUrl(rawUrl);
      const signer = keys.signer();
      const current = await read(hubUrl);
      if (current.account !== signer.address) throw new ServiceError('the unlocked key is not the wallet\'s address', { code: 'locked' });
      if (BigInt(current.claimable) === 0n || current.proof.root === null) {
        throw new ServiceError(`nothing to claim: earned ${current.earned}, already claimed ${current.claimed}`, { code: 'nothing-to-claim' });
      }
      const { config, rpcUrl, provider } = await chains.chainOf(hubUrl);
      await options.ensureGas?.(rpcUrl, signer.address);
      const base: ClaimStatus = {
        claimId: randomUUID(),
        hubUrl,
        account: signer.address,
        cumulative: current.earned,
        amount: current.claimable,
        status: 'pending',
        txHash: null,
        blockNumber: null,
        gasUsed: null,
        error: null,
      };
      const distributor = rewardsDistributorAt(config.rewardsContract, signer.connect(provider));
      // One transaction per task with something claimable: each is paid from its own pool.
      const due = current.tasks.filter((c) => BigInt(c.cumulative) > c.claimed);
      type Receipt = { status: number | null; blockNumber: number; gasUsed: bigint } | null;
      const sent: { task: string; hash: string; wait(): Promise<Receipt> }[] = [];
      for (const c of due) {
        try {
          const tx = (await distributor.getFunction('claim')(c.task, signer.address, BigInt(c.cumulative), current.proof.root, c.proof)) as { hash: string; wait(): Promise<Receipt> };
          sent.push({ task: c.task, hash: tx.hash, wait: () => tx.wait() });
        } catch (error) {
          if (sent.length === 0) return record({ ...base, status: 'failed', error: reasonOf(error) });
          console.warn(`rewards: the claim on task ${c.task} was not sent: ${reasonOf(error)}`);
          break;
        }
      }
      const pending = record({ ...base, txHash: sent[sent.length - 1]!.hash });
      const done = Promise.all(sent.map((tx) => tx.wait().then((receipt) => ({ tx, receipt }), (error: unknown) => ({ tx, receipt: null as Receipt, error }))))
        .then((results) => {
          const failed = results.find((r) => r.receipt?.status !== 1);
          const last = results[results.length - 1]!;
          const gasUsed = results.reduce((sum, r) => sum + (r.receipt?.gasUsed ?? 0n), 0n).toString();
          if (failed) {
            const why = 'error' in failed ? reasonOf(failed.error) : 'the transaction reverted';
            return record({ ...pending, status: 'failed', blockNumber: failed.receipt?.blockNumber ?? null, gasUsed, error: `task ${failed.tx.task}: ${why}` });
          }
          return record({ ...pending, status: 'mined', blockNumber: last.receipt!.blockNumber, gasUsed });
        })
        .then(() => undefined);
      waiting.add(done);
      void done.finally(() => waiting.delete(done));
      return pending;
    },
    listClaims: async () => [...claims],
    prepareDeposit: (args) => deposits.prepare(args),
    confirmDeposit: (args) => deposits.confirm(args),
    preparePoolAction: (args) => closing.prepare(args),
    confirmPoolAction: (args) => closing.confirm(args),
  };

  return {
    service,
    /** Waits (at most 5 s) for claims still being mined, then closes the RPC connections; a claim left pending is still on chain. */
    async dispose() {
      await Promise.race([Promise.allSettled([...waiting, deposits.settled()]), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      chains.dispose();
    },
  };
}
