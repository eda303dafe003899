import { z } from 'zod';
import { defineRoute } from './route';

/** Reward epochs, claims and task pools: what a close posts, what a claim needs, what a pool holds. All amounts are wei in decimal strings. */

const Wei = z.string().regex(/^\d+$/, 'must be wei in decimal digits');
const EpochNumber = z.string().regex(/^\d+$/, 'must be an epoch number in decimal digits');
const PoolState = z.enum(['unfunded', 'open', 'closing', 'closed', 'token_mismatch']);

export const listEpochsRoute = defineRoute({
  method: 'GET',
  path: '/epochs',
  access: 'anyone',
  response: z.object({
    epochs: z.array(
      z.object({
        epoch: EpochNumber,
        root: z.string(),
        status: z.string(),
        txHash: z.string().nullable(),
        closedAt: z.string(),
      }),
    ),
  }),
});

export const closeEpochRoute = defineRoute({
  method: 'POST',
  path: '/epochs/close',
  access: 'operator',
  response: z.object({
    epoch: EpochNumber,
    root: z.string(),
    /** null only when a root found already on chain could not be traced to its transaction (see `note`). */
    txHash: z.string().nullable(),
    recovered: z.boolean().optional(),
    note: z.string().optional(),
    /** Cumulative wei per account after this epoch, summed over tasks. */
    totals: z.record(z.string(), Wei),
    rewardedItems: z.number().int().nonnegative(),
    /** Tasks whose pool could not cover all their final items: those items wait, unrewarded. */
    heldForFunds: z.array(z.object({ task: z.string(), state: PoolState, remaining: Wei, heldItems: z.number().int(), needed: Wei, reason: z.string() })).optional(),
  }),
});

export const rewardsOfRoute = defineRoute({
  method: 'GET',
  path: '/rewards/:account',
  access: 'anyone',
  // The address is checked by the handler (400 invalid_address, as the other account routes answer).
  params: z.object({ account: z.string() }),
  response: z.object({
    account: z.string(),
    contract: z.string(),
    chainId: z.number().int(),
    token: z.string().nullish(),
    /** null before the first posted epoch. */
    epoch: EpochNumber.nullable(),
    root: z.string().nullable(),
    /** Summed over the tasks. */
    cumulative: Wei,
    /** Per task, the arguments of claim(task, account, cumulative, root, proof). */
    claims: z.array(z.object({ task: z.string(), token: z.string().nullable(), cumulative: Wei, proof: z.array(z.string()) })),
  }),
});

export const taskPoolRoute = defineRoute({
  method: 'GET',
  path: '/pools/:taskId',
  access: 'anyone',
  params: z.object({ taskId: z.string() }),
  response: z.object({
    taskId: z.string(),
    task: z.string(),
    token: z.string().nullable(),
    requester: z.string().nullable(),
    state: PoolState,
    deposited: Wei,
    allocated: Wei,
    promised: Wei,
    paid: Wei,
    remaining: Wei,
    closesAt: z.number().nullable(),
  }),
});

/** The format of a ledger (GET /epochs/:epoch/ledger and an export's ledger/epoch-<n>.json). */
export const LEDGER_SCHEMA = 'groundwork-ledger/1';

/**
 * A closed epoch's ledger: the leaves of its rewards tree exactly as hashed
 * (chainId, contract, task, account, cumulative) and the payouts of this
 * epoch's items that, added to each leaf's `previous` cumulative (the leaf
 * as the previous posted epoch left it, "0" when new), make its cumulative.
 * The chain of ledgers justifies every total; anyone recomputes `root` with
 * core's rewards tree and compares it with RootPosted(epoch) on chain.
 */
export const EpochLedgerSchema = z.object({
  schema: z.literal(LEDGER_SCHEMA),
  epoch: EpochNumber,
  root: z.string().regex(/^0x[0-9a-f]{64}$/, 'must be a lowercase bytes32'),
  txHash: z.string().nullable(),
  chainId: z.number().int().positive(),
  /** The RewardsDistributor the root was posted to (the leaves' second field). */
  contract: z.string(),
  leafEncoding: z.array(z.string()),
  /** Set in an export's copy: `items` holds only this task's items (every leaf stays, to recompute the root). */
  itemsOfTask: z.string().optional(),
  /** The posted epoch whose ledger the `previous` totals come from; null for the first. */
  previousEpoch: EpochNumber.nullable(),
  /** Paging (see hub/README.md): page `page` of `pages` holds leaves and items [page × pageSize, (page + 1) × pageSize). */
  page: z.number().int().nonnegative(),
  pages: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  leafCount: z.number().int().nonnegative(),
  itemCount: z.number().int().nonnegative(),
  /** In tree order (the order the tree was built in): task, account, cumulative as hashed; previous as the last epoch left it. */
  leaves: z.array(z.object({ task: z.string(), account: z.string(), cumulative: Wei, previous: Wei })),
  /** The items this epoch rewarded, by item id: each rewarded account and its amount. */
  items: z.array(
    z.object({
      itemId: z.string(),
      task: z.string(),
      status: z.enum(['accepted', 'resolved']),
      /** The task's reward per item and reviewer fee as the hub paid them. */
      rewardPerItem: Wei,
      reviewerFee: Wei,
      /**
       * An annotator's amount is rewardPerItem × multiplierPpm / 10^6 rounded down, with one multiplier
       * per account for the whole epoch; a reviewer's is the reviewer fee.
       */
      payouts: z.array(z.object({ account: z.string(), role: z.enum(['annotator', 'reviewer']), amount: Wei, multiplierPpm: z.number().int().nonnegative().optional() })),
    }),
  ),
});
export type EpochLedger = z.infer<typeof EpochLedgerSchema>;

export const epochLedgerRoute = defineRoute({
  method: 'GET',
  path: '/epochs/:epoch/ledger',
  // Public: the root it justifies is public on chain, and anyone paid or paying must be able to check it (hub/README.md).
  access: 'anyone',
  params: z.object({ epoch: z.string().regex(/^\d{1,19}$/, 'must be an epoch number') }),
  query: z.object({ page: z.coerce.number().int().nonnegative().default(0) }),
  response: EpochLedgerSchema,
});
