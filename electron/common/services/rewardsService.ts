import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { HubUrlSchema, UintStringSchema } from './hubService';
import { AddressSchema } from './walletService';

/**
 * Rewards per hub and chain: what the wallet earned (the hub's latest epoch
 * proof), what the rewards contract already paid it, and the claim
 * transaction, sent and signed on the Node side. Amounts are token base units
 * (wei-like) as decimal strings. Tasks may pay in different ERC-20s: each
 * task's token is read from its pool on chain, never taken from the hub, and
 * symbols and decimals from the token contract (null when it has none).
 */

/** Earnings in one token, summed over the tasks whose pool holds it. */
export const TokenRewardsSchema = z.object({
  token: AddressSchema,
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  earned: UintStringSchema,
  claimed: UintStringSchema,
  claimable: UintStringSchema,
  /** The account's balance of the token; null when the token does not answer balanceOf. */
  balance: UintStringSchema.nullable(),
  /** Tasks paying in this token that the account earned on. */
  tasks: z.number().int().nonnegative(),
});
export type TokenRewards = z.infer<typeof TokenRewardsSchema>;

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
  /** Per token (the pinned token first, with the figures above), every token a task the account earned on pays in. */
  tokens: z.array(TokenRewardsSchema),
});
export type Rewards = z.infer<typeof RewardsSchema>;

export const ClaimStatusSchema = z.object({
  claimId: z.string(),
  hubUrl: z.string(),
  account: AddressSchema,
  /** The cumulative amount claimed up to, and the amount this claim pays, in the pinned token. */
  cumulative: UintStringSchema,
  amount: UintStringSchema,
  /** What this claim pays in each token (one transaction per task, each from its own pool). */
  amounts: z.array(z.object({ token: AddressSchema, tokenSymbol: z.string().nullable(), tokenDecimals: z.number().int().nonnegative().nullable(), amount: UintStringSchema })),
  /** 'pending': sent, waiting to be mined; 'mined': paid; 'failed': reverted or not sent (see `error`). */
  status: z.enum(['pending', 'mined', 'failed']),
  /** Null only when it failed before the transaction was sent. */
  txHash: z.string().nullable(),
  blockNumber: z.number().int().nonnegative().nullable(),
  gasUsed: UintStringSchema.nullable(),
  /**
   * The reason of a failure, e.g. the contract's error name ("NothingToClaim", "RootChanged"). On 'mined' it
   * names the tasks whose claim could not be sent or reverted (a hostile token) while the others were paid.
   */
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
  /** Where the token comes from (DepositTokenSchema `source`). */
  tokenSource: z.enum(['pool', 'chosen', 'task', 'hub']),
  /** Something the requester should know before signing (e.g. the hub lists the task in another token than its pool's). */
  warning: z.string().nullable(),
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

/**
 * The token a deposit into a task's pool is made in, read before the amount is converted: its symbol and
 * decimals come from the token contract (null decimals: the token has no `decimals()`, amounts are raw units).
 * `source`: 'pool' — the pool exists and its token is fixed on chain; 'chosen' — the token the requester gave;
 * 'task' — the task's reward token as the hub lists it (the requester's choice at publishing: check it);
 * 'hub' — the hub's pinned token (no pool, no choice, and the hub does not list the task to this wallet).
 */
export const DepositTokenSchema = z.object({
  taskId: z.string(),
  token: AddressSchema,
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  source: z.enum(['pool', 'chosen', 'task', 'hub']),
  /** The wallet's balance of the token; null when the token does not answer balanceOf. */
  balance: UintStringSchema.nullable(),
});
export type DepositToken = z.infer<typeof DepositTokenSchema>;

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
  /** The pool token's symbol and decimals as its contract reports them (null when it does not). */
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
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
    /** The token a deposit into `taskId`'s pool is made in (`token`: the requester's choice), read from the chain: convert the typed amount with its decimals. */
    depositToken: method(z.object({ hubUrl: HubUrlSchema, taskId: z.string().min(1).max(200), token: AddressSchema.optional() }).strict(), DepositTokenSchema),
    /**
     * What funding `taskId` with `amount` (base units of the deposit token, see depositToken) would sign (nothing
     * is signed yet). Refusals: { code: 'not-requester' } (the pool belongs to another wallet), 'token-mismatch'
     * (the pool holds another token than `token`), 'pool-closing', 'insufficient-balance', 'no-wallet', 'no-rpc'.
     */
    prepareDeposit: method(
      z.object({ hubUrl: HubUrlSchema, taskId: z.string().min(1).max(200), amount: UintStringSchema.refine((v) => BigInt(v) > 0n, { message: 'the amount must be greater than 0' }), token: AddressSchema.optional() }).strict(),
      DepositSummarySchema,
    ),
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
