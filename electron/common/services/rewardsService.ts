import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { HubUrlSchema, UintStringSchema } from './hubService';
import { AddressSchema } from './walletService';

/**
 * Rewards per hub and chain: what the wallet earned (the hub's latest epoch
 * proof), what the rewards contract already paid it, and the claim
 * transaction, sent and signed on the Node side. Amounts are token base units
 * (wei-like) as decimal strings.
 */

export const RewardsSchema = z.object({
  hubUrl: z.string(),
  account: AddressSchema,
  chainId: z.number().int().positive(),
  contract: AddressSchema,
  token: AddressSchema,
  /** The token's symbol and decimals as the token contract reports them (null when it does not). */
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  /** The latest closed epoch the hub has a proof from (0: none yet). */
  epoch: z.number().int().nonnegative(),
  /** Cumulative amount earned up to `epoch` (from the hub's proof; '0' when the account is not in the tree). */
  earned: UintStringSchema,
  /** Already paid out by the contract (`claimed(account)` on chain). */
  claimed: UintStringSchema,
  /** earned − claimed when positive, else '0'. */
  claimable: UintStringSchema,
  /** The account's token balance on chain. */
  balance: UintStringSchema,
});
export type Rewards = z.infer<typeof RewardsSchema>;

export const ClaimStatusSchema = z.object({
  claimId: z.string(),
  hubUrl: z.string(),
  account: AddressSchema,
  /** The cumulative amount claimed up to, and the amount this claim pays. */
  cumulative: UintStringSchema,
  amount: UintStringSchema,
  /** 'pending': sent, waiting to be mined; 'mined': paid; 'failed': reverted or not sent (see `error`). */
  status: z.enum(['pending', 'mined', 'failed']),
  /** Null only when it failed before the transaction was sent. */
  txHash: z.string().nullable(),
  blockNumber: z.number().int().nonnegative().nullable(),
  gasUsed: UintStringSchema.nullable(),
  /** The reason of a failure, e.g. the contract's error name ("NothingToClaim", "RootChanged"). */
  error: z.string().nullable(),
});
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

/**
 * A requester funds a task's pool on the rewards contract: what will be signed, shown before signing —
 * the token approval (when the allowance is short) and the deposit — with the pool as it stands.
 * The pool is keyed by the task id's bytes32 computed here (core `taskIdToBytes32`), never taken from the hub.
 */
export const DepositSummarySchema = z.object({
  requestId: z.string(),
  hubUrl: z.string(),
  account: AddressSchema,
  chainId: z.number().int().positive(),
  taskId: z.string(),
  /** bytes32 key of the task's pool. */
  task: z.string(),
  contract: AddressSchema,
  token: AddressSchema,
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  amount: UintStringSchema,
  balance: UintStringSchema,
  /** Step 1, only when the allowance is short: approve(contract, amount) on the token. */
  approve: z.object({ spender: AddressSchema, amount: UintStringSchema }).nullable(),
  /** Step 2: deposit(task, token, amount) on the rewards contract. */
  deposit: z.object({ task: z.string(), token: AddressSchema, amount: UintStringSchema }),
  /** The pool before this deposit (requester null: this deposit creates it, and makes this wallet its requester). */
  pool: z.object({ requester: AddressSchema.nullable(), deposited: UintStringSchema, allocated: UintStringSchema, paid: UintStringSchema }),
});
export type DepositSummary = z.infer<typeof DepositSummarySchema>;

export const DepositStatusSchema = z.object({
  requestId: z.string(),
  hubUrl: z.string(),
  task: z.string(),
  amount: UintStringSchema,
  /** 'approving': the approval is being mined; 'pending': the deposit is sent; 'mined': credited; 'failed': see `error`. */
  status: z.enum(['approving', 'pending', 'mined', 'failed']),
  approveTxHash: z.string().nullable(),
  txHash: z.string().nullable(),
  /** What the pool was credited with (a fee-on-transfer token credits less than was sent); null until mined. */
  credited: UintStringSchema.nullable(),
  error: z.string().nullable(),
});
export type DepositStatus = z.infer<typeof DepositStatusSchema>;

/**
 * Closing a task's pool, shown before signing: `close` sends requestClose (after the contract's delay
 * nothing more can be allocated), `refund` sends refund, paying the requester deposited − allocated.
 * Money already allocated stays claimable by the annotators.
 */
export const PoolActionSummarySchema = z.object({
  requestId: z.string(),
  hubUrl: z.string(),
  account: AddressSchema,
  chainId: z.number().int().positive(),
  contract: AddressSchema,
  taskId: z.string(),
  task: z.string(),
  action: z.enum(['close', 'refund']),
  pool: z.object({ token: AddressSchema, deposited: UintStringSchema, allocated: UintStringSchema, paid: UintStringSchema, closesAt: z.number().int().nonnegative() }),
  /** What a refund pays now (deposited − allocated). */
  refundable: UintStringSchema,
  /** close: the unix time from which the refund can be sent. */
  refundFrom: z.number().int().nonnegative(),
});
export type PoolActionSummary = z.infer<typeof PoolActionSummarySchema>;

export const PoolActionResultSchema = z.object({ requestId: z.string(), action: z.enum(['close', 'refund']), status: z.enum(['mined', 'failed']), txHash: z.string().nullable(), error: z.string().nullable() });
export type PoolActionResult = z.infer<typeof PoolActionResultSchema>;

export const rewardsService = defineService(
  'rewards',
  {
    /**
     * Earned / claimed / claimable for the wallet's address on this hub's chain (no unlock needed).
     * Needs the hub (GET /rewards/:account) and the chain's RPC (from the hub's config or `hub.connect({ rpcUrl })`).
     */
    get: method(z.object({ hubUrl: HubUrlSchema }).strict(), RewardsSchema),
    /**
     * Sends the claim transaction for everything claimable, signed by the unlocked wallet. Returns as soon
     * as it is sent ('pending' with its hash); `claimChanged` follows with 'mined' or 'failed'.
     * Nothing claimable: ServiceError details { code: 'nothing-to-claim' }; locked wallet: { code: 'locked' }.
     */
    claim: method(z.object({ hubUrl: HubUrlSchema }).strict(), ClaimStatusSchema),
    /** Claims sent during this host session, newest first. */
    listClaims: method(z.object({}).strict(), z.array(ClaimStatusSchema)),
    /**
     * What funding `taskId` with `amount` would sign (nothing is signed yet). Refusals: { code: 'not-requester' }
     * (the pool belongs to another wallet), 'token-mismatch', 'pool-closing', 'insufficient-balance', 'no-wallet', 'no-rpc'.
     */
    prepareDeposit: method(z.object({ hubUrl: HubUrlSchema, taskId: z.string().min(1).max(200), amount: UintStringSchema.refine((v) => BigInt(v) > 0n, { message: 'the amount must be greater than 0' }) }).strict(), DepositSummarySchema),
    /** The user confirmed a prepared deposit: approve if needed, then deposit. Returns once the first transaction is sent; `depositChanged` follows. */
    confirmDeposit: method(z.object({ requestId: z.string() }).strict(), DepositStatusSchema),
    /** The requester closes a task's pool, or reclaims what was not allocated once it is closed: what will be signed, read from the chain. */
    preparePoolAction: method(z.object({ hubUrl: HubUrlSchema, taskId: z.string().min(1).max(200), action: z.enum(['close', 'refund']) }).strict(), PoolActionSummarySchema),
    /** The user confirmed: sends the prepared transaction and waits until it is mined. */
    confirmPoolAction: method(z.object({ requestId: z.string() }).strict(), PoolActionResultSchema),
  },
  {
    /** A claim moved: pending → mined | failed. */
    claimChanged: ClaimStatusSchema,
    /** A deposit moved: approving → pending → mined | failed. */
    depositChanged: DepositStatusSchema,
  },
);
