import { z } from 'zod';
import { AddressSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';

/** What a hub takes in one signed upload (not pinned: the workstation checks the live /config before signing). */
export const HubLimitsSchema = z
  .object({ maxItemsPerBatch: z.number().int().positive(), maxShapesPerItem: z.number().int().positive(), batchBodyLimit: z.number().int().positive() })
  .partial();

/**
 * The hub's GET /config: what batches are signed for and where rewards are
 * paid. The workstation pins these values on first use (its `HubConfig`).
 * The announced EIP-712 `domain` is left out: the workstation derives it
 * from the pinned chain id and contract, never from a live answer.
 */
export const HubConfigSchema = z.object({
  chainId: z.number().int().positive(),
  rewardsContract: AddressSchema,
  /** The ERC-20 the contract pays; null when the hub does not know it (rewards then read it from the contract). */
  token: AddressSchema.nullable(),
  /** The host[:port] SIWE messages must name (the hub's public host). */
  siweDomain: z.string().optional(),
  /** JSON-RPC endpoint of the chain: given by the user, set by the local network, or announced by the hub (a suggestion the user confirms). */
  rpcUrl: z.string().optional(),
  /** The StakeRegistry staking approves the token for; null or absent when the hub has none. */
  stakeRegistry: AddressSchema.nullable().optional(),
  limits: HubLimitsSchema.optional(),
});
export type HubConfig = z.infer<typeof HubConfigSchema>;

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/health',
  access: 'anyone',
  response: z.object({ ok: z.literal(true), db: z.string() }),
});

export const configRoute = defineRoute({ method: 'GET', path: '/config', access: 'anyone', response: HubConfigSchema });
