import { randomUUID } from 'node:crypto';
import { Contract, type JsonRpcProvider, type Wallet } from 'ethers';
import { stakeRegistryAt } from '../../../native/chain';
import type { EventEmitterFor, ServiceImpl } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { Stake, StakeAction, StakeTxStatus, stakeService } from '../../common/services/stakeService';
import { normalizeHubUrl } from '../hub/hubHttp';
import type { HubRegistry } from '../hub/hubRegistry';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { createChainAccess } from '../chain/chainAccess';
import { stakeErrorsInterface } from './revertReason';
import { createStakeJournal, type SentTx } from './stakeJournal';
import { pinnedStakeTarget } from './stakeRegistryAddress';
import { ERC20_ABI } from '../chain/erc20Abi';

export interface StakeOptions {
  /** Gives the account gas money before a transaction (the local network's anvil faucet); real chains leave it out. */
  ensureGas?: (rpcUrl: string, account: string) => Promise<void>;
}

interface Target {
  hubUrl: string;
  registry?: string;
}

interface StakeRead {
  stake: Stake;
  allowance: bigint;
  provider: JsonRpcProvider;
  rpcUrl: string;
}

export function createStakeService(hubs: HubRegistry, keys: WalletKeys, emit: EventEmitterFor<typeof stakeService>, options: StakeOptions = {}) {
  const chains = createChainAccess(hubs);
  const journal = createStakeJournal(emit, stakeErrorsInterface());

  async function account(): Promise<string> {
    const address = await keys.address();
    if (!address) throw new ServiceError('there is no wallet yet: create or import one', { code: 'no-wallet' });
    return address;
  }

  async function read(target: Target, address: string): Promise<StakeRead> {
    const hubUrl = normalizeHubUrl(target.hubUrl);
    const { config, provider, rpcUrl } = await chains.chainOf(hubUrl);
    const { registry, token: tokenAddress } = pinnedStakeTarget(hubUrl, config, target.registry);
    const contract = stakeRegistryAt(registry, provider);
    // The token approved for staking is the pinned one; a registry that now holds another is refused.
    const held = await contract.token();
    if (held.toLowerCase() !== tokenAddress.toLowerCase()) {
      throw new ServiceError(`refused: the stake registry ${registry} now holds ${held}, not the trusted token ${tokenAddress}`, { code: 'token-mismatch' });
    }
    const token = new Contract(tokenAddress, ERC20_ABI, provider);
    const [[active, unbonding, availableAt], period, balance, allowance, symbol, decimals, latest] = await Promise.all([
      contract.stakeOf(address),
      contract.unbondingPeriod(),
      token.getFunction('balanceOf')(address) as Promise<bigint>,
      token.getFunction('allowance')(address, registry) as Promise<bigint>,
      (token.getFunction('symbol')() as Promise<string>).catch(() => null),
      (token.getFunction('decimals')() as Promise<bigint>).then(Number).catch(() => null),
      provider.getBlock('latest'),
    ]);
    // The next block is at least as late as both the chain's last block and this clock.
    const now = Math.max(latest?.timestamp ?? 0, Math.floor(Date.now() / 1000));
    const stake: Stake = {
      hubUrl,
      account: address,
      chainId: config.chainId,
      registry,
      token: tokenAddress,
      tokenSymbol: symbol,
      tokenDecimals: decimals,
      active: active.toString(),
      unbonding: unbonding.toString(),
      availableAt: unbonding > 0n ? Number(availableAt) : null,
      withdrawable: unbonding > 0n && now >= Number(availableAt),
      unbondingPeriod: Number(period),
      balance: balance.toString(),
    };
    return { stake, allowance, provider, rpcUrl };
  }

  /** The unlocked signer and the current stake, read fresh before any transaction. */
  async function prepare(target: Target): Promise<StakeRead & { signer: Wallet }> {
    const signer = keys.signer();
    const current = await read(target, signer.address);
    return { ...current, signer: signer.connect(current.provider) };
  }

  async function submit(prepared: StakeRead & { signer: Wallet }, action: StakeAction, amount: bigint, send: () => Promise<SentTx>, approve?: () => Promise<SentTx>) {
    await options.ensureGas?.(prepared.rpcUrl, prepared.signer.address);
    const base: StakeTxStatus = {
      txId: randomUUID(),
      hubUrl: prepared.stake.hubUrl,
      account: prepared.signer.address,
      registry: prepared.stake.registry,
      action,
      amount: amount.toString(),
      status: 'pending',
      approveTxHash: null,
      txHash: null,
      blockNumber: null,
      gasUsed: null,
      error: null,
    };
    return journal.submit(base, send, approve);
  }

  const service: ServiceImpl<typeof stakeService> = {
    get: async (target) => (await read(target, await account())).stake,
    stake: async ({ amount: raw, ...target }) => {
      const prepared = await prepare(target);
      const amount = BigInt(raw);
      const { stake, signer } = prepared;
      if (amount > BigInt(stake.balance)) {
        throw new ServiceError(`cannot stake ${amount}: the wallet holds ${stake.balance} of the token`, { code: 'insufficient-balance', balance: stake.balance });
      }
      const registry = stakeRegistryAt(stake.registry, signer);
      const token = new Contract(stake.token, ERC20_ABI, signer);
      const approve = prepared.allowance < amount ? () => token.getFunction('approve')(stake.registry, amount) as Promise<SentTx> : undefined;
      return submit(prepared, 'stake', amount, () => registry.stake(amount), approve);
    },
    requestUnstake: async ({ amount: raw, ...target }) => {
      const prepared = await prepare(target);
      const amount = BigInt(raw);
      if (amount > BigInt(prepared.stake.active)) {
        throw new ServiceError(`cannot unstake ${amount}: the active stake is ${prepared.stake.active}`, { code: 'insufficient-stake', active: prepared.stake.active });
      }
      return submit(prepared, 'requestUnstake', amount, () => stakeRegistryAt(prepared.stake.registry, prepared.signer).requestUnstake(amount));
    },
    withdraw: async (target) => {
      const prepared = await prepare(target);
      const { stake } = prepared;
      if (BigInt(stake.unbonding) === 0n) throw new ServiceError('nothing to withdraw: request an unstake first', { code: 'nothing-to-withdraw' });
      if (!stake.withdrawable) {
        const at = new Date(stake.availableAt! * 1000).toISOString();
        throw new ServiceError(`the unbonding stake can be withdrawn from ${at}`, { code: 'still-unbonding', availableAt: stake.availableAt });
      }
      return submit(prepared, 'withdraw', BigInt(stake.unbonding), () => stakeRegistryAt(stake.registry, prepared.signer).withdraw());
    },
    listTransactions: async () => journal.list(),
  };

  return {
    service,
    /** Waits (at most 5 s) for transactions still being mined, then closes the RPC connections. */
    async dispose() {
      await journal.settle();
      chains.dispose();
    },
  };
}
