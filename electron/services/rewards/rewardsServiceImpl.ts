import { randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import { rewardsOfRoute } from '../../../core/hubApi/epochs';
import { parseResponse, requestOf, type RouteResponse } from '../../../core/hubApi/route';
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
import { tokenRewards } from './tokenRewards';

const ZERO = '0x0000000000000000000000000000000000000000';


/** One task's claim as the hub serves it: the arguments of claim(task, account, cumulative, root, proof). */
type HubProof = RouteResponse<typeof rewardsOfRoute>;

/** A task's claim with its token (read from the task's pool on chain) and what the contract already paid on it. */
interface TaskClaim {
  task: string;
  token: string;
  cumulative: string;
  proof: string[];
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
    const proof = parseResponse(rewardsOfRoute, await hubJson<unknown>(hubUrl, requestOf(rewardsOfRoute, { params: { account: address } }).path));
    // The pinned distributor and token: a hub cannot point the wallet at other contracts after the user trusted it.
    const distributor = rewardsDistributorAt(config.rewardsContract, provider);
    const pinned = config.token;
    if (!pinned) throw new ServiceError(`the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL and confirm`, { code: 'no-rpc' });
    // Each task pays from its own pool, in the pool's token as the chain records it (the hub's word on tokens is not used).
    const [pools, paid] = await Promise.all([
      Promise.all(proof.claims.map((c) => distributor.poolOf(c.task))),
      Promise.all(proof.claims.map((c) => distributor.getFunction('claimed')(c.task, address) as Promise<bigint>)),
    ]);
    const tasks: TaskClaim[] = proof.claims
      .map((c, i) => ({ task: c.task, cumulative: c.cumulative, proof: c.proof, token: getAddress(pools[i]![0]), funded: pools[i]![1] !== ZERO, claimed: BigInt(paid[i]!) }))
      .filter((c) => c.funded)
      .map(({ funded: _funded, ...c }) => c);
    const tokens = await tokenRewards(provider, address, getAddress(pinned), tasks);
    const main = tokens[0]!;
    return {
      hubUrl,
      account: address,
      chainId: config.chainId,
      contract: config.rewardsContract,
      token: main.token,
      tokenSymbol: main.tokenSymbol,
      tokenDecimals: main.tokenDecimals,
      epoch: proof.epoch === null ? 0 : Number(proof.epoch),
      earned: main.earned,
      claimed: main.claimed,
      claimable: main.claimable,
      balance: main.balance ?? '0',
      tokens,
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

  const deposits = createTaskDeposits({ chains, account, signer: () => keys.signer(), emit, ensureGas: options.ensureGas, reasonOf, sessionToken: (hubUrl) => registry.session(hubUrl)?.token });
  const closing = createPoolClosing({ chains, account, signer: () => keys.signer(), ensureGas: options.ensureGas, reasonOf });

  const service: ServiceImpl<typeof rewardsService> = {
    depositToken: (args) => deposits.describe(args),
    get: async ({ hubUrl }) => {
      const { proof: _proof, tasks: _tasks, ...rewards } = await read(normalizeHubUrl(hubUrl));
      return rewards;
    },
    claim: async ({ hubUrl: rawUrl }) => {
      const hubUrl = normalizeHubUrl(rawUrl);
      const signer = keys.signer();
      const current = await read(hubUrl);
      if (current.account !== signer.address) throw new ServiceError('the unlocked key is not the wallet\'s address', { code: 'locked' });
      // One transaction per task with something claimable: each is paid from its own pool, in its own token.
      const due = current.tasks.filter((c) => BigInt(c.cumulative) > c.claimed);
      if (due.length === 0 || current.proof.root === null) {
        throw new ServiceError(`nothing to claim: ${current.tokens.map((t) => `earned ${t.earned}, already claimed ${t.claimed} of ${t.tokenSymbol ?? t.token}`).join('; ')}`, { code: 'nothing-to-claim' });
      }
      const { config, rpcUrl, provider } = await chains.chainOf(hubUrl);
      await options.ensureGas?.(rpcUrl, signer.address);
      const base: ClaimStatus = {
        claimId: randomUUID(),
        hubUrl,
        account: signer.address,
        cumulative: current.earned,
        amount: current.claimable,
        amounts: current.tokens.filter((t) => t.claimable !== '0').map((t) => ({ token: t.token, tokenSymbol: t.tokenSymbol, tokenDecimals: t.tokenDecimals, amount: t.claimable })),
        status: 'pending',
        txHash: null,
        blockNumber: null,
        gasUsed: null,
        error: null,
      };
      const distributor = rewardsDistributorAt(config.rewardsContract, signer.connect(provider));
      type Receipt = { status: number | null; blockNumber: number; gasUsed: bigint } | null;
      const sent: { task: string; hash: string; wait(): Promise<Receipt> }[] = [];
      // A task whose claim cannot be sent (its token reverts) is named; the others are still sent.
      const problems: string[] = [];
      for (const c of due) {
        try {
          const tx = (await distributor.getFunction('claim')(c.task, signer.address, BigInt(c.cumulative), current.proof.root, c.proof)) as { hash: string; wait(): Promise<Receipt> };
          sent.push({ task: c.task, hash: tx.hash, wait: () => tx.wait() });
        } catch (error) {
          problems.push(`task ${c.task}: ${reasonOf(error)}`);
        }
      }
      if (sent.length === 0) return record({ ...base, status: 'failed', error: problems.join('; ') });
      const pending = record({ ...base, txHash: sent[sent.length - 1]!.hash });
      const done = Promise.all(sent.map((tx) => tx.wait().then((receipt) => ({ tx, receipt }), (error: unknown) => ({ tx, receipt: null as Receipt, error }))))
        .then((results) => {
          const last = results[results.length - 1]!;
          const gasUsed = results.reduce((sum, r) => sum + (r.receipt?.gasUsed ?? 0n), 0n).toString();
          const failed = results.filter((r) => r.receipt?.status !== 1);
          for (const f of failed) problems.push(`task ${f.tx.task}: ${'error' in f ? reasonOf(f.error) : 'the transaction reverted'}`);
          const error = problems.length > 0 ? problems.join('; ') : null;
          if (failed.length === results.length) return record({ ...pending, status: 'failed', blockNumber: failed[0]!.receipt?.blockNumber ?? null, gasUsed, error });
          // Some paid: the claim is mined, and the error names the tasks that were not.
          return record({ ...pending, status: 'mined', blockNumber: last.receipt?.blockNumber ?? null, gasUsed, error });
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
