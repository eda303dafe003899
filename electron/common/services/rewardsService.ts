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
  },
  {
    /** A claim moved: pending → mined | failed. */
    claimChanged: ClaimStatusSchema,
  },
);
