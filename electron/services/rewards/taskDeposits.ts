import { randomUUID } from 'node:crypto';
import { Contract, getAddress, isAddress, type Wallet } from 'ethers';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { rewardsDistributorAt } from '../../../native/chain';
import type { EventEmitterFor } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { DepositStatus, DepositSummary, DepositToken, rewardsService } from '../../common/services/rewardsService';
import type { ChainAccess } from '../chain/chainAccess';
import { hubJson, normalizeHubUrl } from '../hub/hubHttp';
import { ERC20_ABI } from '../chain/erc20Abi';
import { balanceOrNull, readTokenFacts } from './tokenFacts';

const ZERO = '0x0000000000000000000000000000000000000000';

export interface DepositDeps {
  chains: ChainAccess;
  account(): Promise<string>;
  signer(): Wallet;
  emit: EventEmitterFor<typeof rewardsService>;
  ensureGas?: (rpcUrl: string, account: string) => Promise<void>;
  reasonOf(error: unknown): string;
  /** The session token this host holds for the hub, if signed in (to read the task's reward token). */
  sessionToken?: (hubUrl: string) => string | undefined;
}

/**
 * A requester funds a task's pool from the wallet in two steps: `prepare` reads the chain and returns
 * exactly what will be signed (the approval when the allowance is short, and the deposit), `confirm`
 * signs and sends them. The contract is the pinned one; the pool key is the task id hashed here, so a hub
 * cannot point the deposit at another task's pool. The token is the pool's when it exists (fixed on chain by
 * its first deposit), else the requester's choice, else the task's as the hub lists it (shown with its
 * address, symbol and decimals, read from the token contract, before anything is signed), else the pinned one.
 */
export function createTaskDeposits(deps: DepositDeps) {
  const prepared = new Map<string, DepositSummary>();
  const waiting = new Set<Promise<void>>();

  /** The task's reward token as the hub lists it to this wallet; null when it does not (not signed in, unknown task). */
  async function listedToken(hubUrl: string, taskId: string): Promise<string | null> {
    const token = deps.sessionToken?.(hubUrl);
    if (!token) return null;
    try {
      const task = await hubJson<{ rewardToken?: unknown }>(hubUrl, `/tasks/${encodeURIComponent(taskId)}`, { token });
      return typeof task.rewardToken === 'string' && isAddress(task.rewardToken) ? getAddress(task.rewardToken) : null;
    } catch {
      return null;
    }
  }

  async function resolveToken({ hubUrl: rawUrl, taskId, token: chosen }: { hubUrl: string; taskId: string; token?: string }) {
    const hubUrl = normalizeHubUrl(rawUrl);
    const { config, provider } = await deps.chains.chainOf(hubUrl);
    const task = taskIdToBytes32(taskId);
    const pool = await rewardsDistributorAt(config.rewardsContract, provider).poolOf(task);
    const [poolToken, requester] = pool;
    const listed = await listedToken(hubUrl, taskId);
    let token: string;
    let source: DepositToken['source'];
    if (requester !== ZERO) {
      if (chosen && getAddress(chosen) !== getAddress(poolToken)) {
        throw new ServiceError(`task ${taskId}'s pool holds ${poolToken}: deposits must be in that token, not ${chosen}`, { code: 'token-mismatch' });
      }
      [token, source] = [getAddress(poolToken), 'pool'];
    } else if (chosen) [token, source] = [getAddress(chosen), 'chosen'];
    else if (listed) [token, source] = [listed, 'task'];
    else if (config.token) [token, source] = [config.token, 'hub'];
    else throw new ServiceError(`the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL and confirm`, { code: 'no-rpc' });
    // A pool in another token than the task's is never allocated by the hub (token_mismatch): say so before signing.
    const warning = listed && listed !== token ? `the hub lists task ${taskId} as paying in ${listed}: a pool in ${token} is never allocated by it` : null;
    return { hubUrl, config, provider, task, pool, token, source, warning };
  }

  async function describe(args: { hubUrl: string; taskId: string; token?: string }): Promise<DepositToken> {
    const address = await deps.account();
    const { provider, token, source } = await resolveToken(args);
    const [facts, balance] = await Promise.all([readTokenFacts(provider, token), balanceOrNull(provider, token, address)]);
    return { taskId: args.taskId, token, tokenSymbol: facts.symbol, tokenDecimals: facts.decimals, source, balance: balance === null ? null : balance.toString() };
  }

  async function prepare(args: { hubUrl: string; taskId: string; amount: string; token?: string }): Promise<DepositSummary> {
    const { taskId, amount } = args;
    const address = await deps.account();
    const { hubUrl, config, provider, task, pool, token, source, warning } = await resolveToken(args);
    const erc20 = new Contract(token, ERC20_ABI, provider);
    const [balance, allowance, facts] = await Promise.all([
      balanceOrNull(provider, token, address),
      (erc20.getFunction('allowance')(address, config.rewardsContract) as Promise<bigint>).catch(() => 0n),
      readTokenFacts(provider, token),
    ]);
    const [, requester, closesAt, deposited, allocated, paid] = pool;
    if (requester !== ZERO && requester.toLowerCase() !== address.toLowerCase()) {
      throw new ServiceError(`task ${taskId}'s pool belongs to ${requester}: only its requester may add to it`, { code: 'not-requester' });
    }
    if (closesAt !== 0n) throw new ServiceError(`task ${taskId}'s pool is closing: no deposits after a close`, { code: 'pool-closing' });
    const wanted = BigInt(amount);
    if (balance === null) throw new ServiceError(`the token ${token} does not answer balanceOf: it cannot be deposited`, { code: 'token-unreadable' });
    if (balance < wanted) throw new ServiceError(`the wallet holds ${balance} of the token ${token}, less than ${amount}`, { code: 'insufficient-balance' });
    const summary: DepositSummary = {
      requestId: randomUUID(),
      hubUrl,
      account: address,
      chainId: config.chainId,
      taskId,
      task,
      contract: config.rewardsContract,
      token,
      tokenSymbol: facts.symbol,
      tokenDecimals: facts.decimals,
      tokenSource: source,
      warning,
      amount,
      balance: balance.toString(),
      approve: allowance < wanted ? { spender: config.rewardsContract, amount } : null,
      deposit: { task, token, amount },
      pool: { requester: requester === ZERO ? null : requester, deposited: deposited.toString(), allocated: allocated.toString(), paid: paid.toString() },
    };
    prepared.set(summary.requestId, summary);
    return summary;
  }

  async function confirm({ requestId }: { requestId: string }): Promise<DepositStatus> {
    const summary = prepared.get(requestId);
    if (!summary) throw new ServiceError('this deposit was not prepared, or was already sent: prepare it again', { code: 'unknown-request' });
    prepared.delete(requestId);
    const signer = deps.signer();
    if (signer.address !== summary.account) throw new ServiceError("the unlocked key is not the wallet's address", { code: 'locked' });
    const { rpcUrl, provider } = await deps.chains.chainOf(summary.hubUrl);
    await deps.ensureGas?.(rpcUrl, signer.address);
    const wallet = signer.connect(provider);
    let status: DepositStatus = { requestId, hubUrl: summary.hubUrl, task: summary.task, amount: summary.amount, status: 'pending', approveTxHash: null, txHash: null, credited: null, error: null };
    let firstSent!: () => void;
    const sent = new Promise<void>((resolve) => (firstSent = resolve));
    const update = (next: Partial<DepositStatus>) => {
      status = { ...status, ...next };
      deps.emit('depositChanged', status);
      // The call returns once the first transaction is sent (or failed to be); the rest follows as events.
      firstSent();
      return status;
    };
    const contract = rewardsDistributorAt(summary.contract, wallet);
    const sendDeposit = async () => {
      const tx = await contract.deposit(summary.task, summary.token, summary.amount);
      update({ status: 'pending', txHash: tx.hash });
      const receipt = await tx.wait();
      if (receipt?.status !== 1) return update({ status: 'failed', error: 'the deposit reverted' });
      const event = receipt.logs.map((l) => contract.interface.parseLog(l)).find((l) => l?.name === 'Deposited');
      return update({ status: 'mined', credited: event ? (event.args[4] as bigint).toString() : null });
    };
    const run = async (): Promise<void> => {
      try {
        if (summary.approve) {
          const approval = await new Contract(summary.token, ERC20_ABI, wallet).getFunction('approve')(summary.contract, summary.amount);
          update({ status: 'approving', approveTxHash: approval.hash as string });
          if ((await approval.wait())?.status !== 1) {
            update({ status: 'failed', error: 'the approval reverted' });
            return;
          }
        }
        await sendDeposit();
      } catch (error) {
        update({ status: 'failed', error: deps.reasonOf(error) });
      }
    };
    const done = run();
    waiting.add(done);
    void done.finally(() => waiting.delete(done));
    await sent;
    return status;
  }

  return { describe, prepare, confirm, settled: () => Promise.allSettled([...waiting]) };
}
