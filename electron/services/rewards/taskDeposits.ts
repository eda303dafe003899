import { randomUUID } from 'node:crypto';
import { Contract, type Wallet } from 'ethers';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { rewardsDistributorAt } from '../../../native/chain';
import type { EventEmitterFor } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { DepositStatus, DepositSummary, rewardsService } from '../../common/services/rewardsService';
import type { ChainAccess } from '../chain/chainAccess';
import { normalizeHubUrl } from '../hub/hubHttp';
import { ERC20_ABI } from '../chain/erc20Abi';

const ZERO = '0x0000000000000000000000000000000000000000';

export interface DepositDeps {
  chains: ChainAccess;
  account(): Promise<string>;
  signer(): Wallet;
  emit: EventEmitterFor<typeof rewardsService>;
  ensureGas?: (rpcUrl: string, account: string) => Promise<void>;
  reasonOf(error: unknown): string;
}

/**
 * A requester funds a task's pool from the wallet in two steps: `prepare` reads the chain and returns
 * exactly what will be signed (the approval when the allowance is short, and the deposit), `confirm`
 * signs and sends them. The pool, the contract and the token are the pinned ones; the pool key is the
 * task id hashed here, so a hub cannot point the deposit at another task's pool.
 */
export function createTaskDeposits(deps: DepositDeps) {
  const prepared = new Map<string, DepositSummary>();
  const waiting = new Set<Promise<void>>();

  async function prepare({ hubUrl: rawUrl, taskId, amount }: { hubUrl: string; taskId: string; amount: string }): Promise<DepositSummary> {
    const hubUrl = normalizeHubUrl(rawUrl);
    const address = await deps.account();
    const { config, provider } = await deps.chains.chainOf(hubUrl);
    if (!config.token) throw new ServiceError(`the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL and confirm`, { code: 'no-rpc' });
    const task = taskIdToBytes32(taskId);
    const token = new Contract(config.token, ERC20_ABI, provider);
    const [pool, balance, allowance, symbol, decimals] = await Promise.all([
      rewardsDistributorAt(config.rewardsContract, provider).poolOf(task),
      token.getFunction('balanceOf')(address) as Promise<bigint>,
      token.getFunction('allowance')(address, config.rewardsContract) as Promise<bigint>,
      (token.getFunction('symbol')() as Promise<string>).catch(() => null),
      (token.getFunction('decimals')() as Promise<bigint>).then(Number).catch(() => null),
    ]);
    const [poolToken, requester, closesAt, deposited, allocated, paid] = pool;
    if (requester !== ZERO && requester.toLowerCase() !== address.toLowerCase()) {
      throw new ServiceError(`task ${taskId}'s pool belongs to ${requester}: only its requester may add to it`, { code: 'not-requester' });
    }
    if (poolToken !== ZERO && poolToken.toLowerCase() !== config.token.toLowerCase()) {
      throw new ServiceError(`task ${taskId}'s pool holds ${poolToken}, not the trusted token ${config.token}`, { code: 'token-mismatch' });
    }
    if (closesAt !== 0n) throw new ServiceError(`task ${taskId}'s pool is closing: no deposits after a close`, { code: 'pool-closing' });
    const wanted = BigInt(amount);
    if (balance < wanted) throw new ServiceError(`the wallet holds ${balance} of the token, less than ${amount}`, { code: 'insufficient-balance' });
    const summary: DepositSummary = {
      requestId: randomUUID(),
      hubUrl,
      account: address,
      chainId: config.chainId,
      taskId,
      task,
      contract: config.rewardsContract,
      token: config.token,
      tokenSymbol: symbol,
      tokenDecimals: decimals,
      amount,
      balance: balance.toString(),
      approve: allowance < wanted ? { spender: config.rewardsContract, amount } : null,
      deposit: { task, token: config.token, amount },
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

  return { prepare, confirm, settled: () => Promise.allSettled([...waiting]) };
}
