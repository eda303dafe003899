import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { HubUrlSchema, UintStringSchema } from './hubService';
import { AddressSchema } from './walletService';

/**
 * Stake in the hub's StakeRegistry (tiers need stake): what the wallet has
 * staked, and the stake / unstake / withdraw transactions, signed and sent on
 * the Node side. Amounts are token base units as decimal strings. The registry
 * and the token approved for it are the ones pinned when the user trusted the
 * hub (never a live `/config`); a `registry` argument must be that one.
 * Refusals are ServiceErrors with details { code }: 'untrusted-hub', 'wrong-chain',
 * 'token-mismatch', 'no-wallet', 'locked', 'no-rpc', 'no-registry', 'insufficient-balance',
 * 'insufficient-stake', 'nothing-to-withdraw', 'still-unbonding' (+ availableAt).
 */

const PositiveUintStringSchema = UintStringSchema.refine((v) => BigInt(v) > 0n, { message: 'the amount must be greater than 0' });

const StakeTargetSchema = z.object({ hubUrl: HubUrlSchema, registry: AddressSchema.optional() }).strict();

export const StakeSchema = z.object({
  hubUrl: z.string(),
  account: AddressSchema,
  chainId: z.number().int().positive(),
  registry: AddressSchema,
  /** The ERC-20 the registry holds (its `token()`), with symbol and decimals when the token reports them. */
  token: AddressSchema,
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  /** Counts for tiers. */
  active: UintStringSchema,
  /** Requested to leave: still slashable, withdrawable from `availableAt`. */
  unbonding: UintStringSchema,
  /** Unix seconds when `unbonding` can be withdrawn; null when nothing is unbonding. */
  availableAt: z.number().int().nonnegative().nullable(),
  /** True when unbonding > 0 and availableAt has passed (by the chain's latest block or this machine's clock, whichever is later). */
  withdrawable: z.boolean(),
  /** Seconds a new unstake request waits (a new request restarts the clock for the whole unbonding amount). */
  unbondingPeriod: z.number().int().nonnegative(),
  /** The wallet's token balance (what it can stake). */
  balance: UintStringSchema,
});
export type Stake = z.infer<typeof StakeSchema>;

export const StakeActionSchema = z.enum(['stake', 'requestUnstake', 'withdraw']);
export type StakeAction = z.infer<typeof StakeActionSchema>;

export const StakeTxStatusSchema = z.object({
  txId: z.string(),
  hubUrl: z.string(),
  account: AddressSchema,
  registry: AddressSchema,
  action: StakeActionSchema,
  amount: UintStringSchema,
  /**
   * 'approving': a stake waits for its token approval to be mined; 'pending': sent, waiting to be mined;
   * 'mined': done; 'failed': reverted or not sent (see `error`).
   */
  status: z.enum(['approving', 'pending', 'mined', 'failed']),
  /** The approval a stake needed first (null when the allowance sufficed, and for other actions). */
  approveTxHash: z.string().nullable(),
  /** The action's own transaction; null until it is sent. */
  txHash: z.string().nullable(),
  blockNumber: z.number().int().nonnegative().nullable(),
  gasUsed: UintStringSchema.nullable(),
  /** The reason of a failure, in the contract's words when it reverted with a custom error ("StillUnbonding"). */
  error: z.string().nullable(),
});
export type StakeTxStatus = z.infer<typeof StakeTxStatusSchema>;

export const stakeService = defineService(
  'stake',
  {
    /** The wallet's stake and token balance (no unlock needed). */
    get: method(StakeTargetSchema, StakeSchema),
    /**
     * Approves the registry for `amount` when the allowance is short, then stakes it. Returns once the first
     * transaction is sent ('approving' or 'pending'); `txChanged` follows each step.
     */
    stake: method(StakeTargetSchema.extend({ amount: PositiveUintStringSchema }).strict(), StakeTxStatusSchema),
    /** Moves `amount` of active stake to unbonding (adds to a pending request and restarts its clock). */
    requestUnstake: method(StakeTargetSchema.extend({ amount: PositiveUintStringSchema }).strict(), StakeTxStatusSchema),
    /** Withdraws the whole unbonding amount once `availableAt` has passed. */
    withdraw: method(StakeTargetSchema, StakeTxStatusSchema),
    /** Stake transactions sent during this host session, newest first. */
    listTransactions: method(z.object({}).strict(), z.array(StakeTxStatusSchema)),
  },
  {
    /** A stake transaction moved: approving → pending → mined | failed. */
    txChanged: StakeTxStatusSchema,
  },
);
