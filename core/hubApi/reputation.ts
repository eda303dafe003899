import { z } from 'zod';
import { AddressSchema } from '../sync/wireSchemas';
import { IdParamSchema, WeiStringSchema } from './fields';
import { defineRoute } from './route';

const BetaSchema = z.looseObject({ alpha: z.number(), beta: z.number(), mean: z.number() });
const BetaWithLowerSchema = BetaSchema.extend({ lower: z.number() });

/** GET /reputation/:account. Tier fields stay loose: the tier table is the hub's to configure. */
export const ReputationSchema = z.looseObject({
  account: AddressSchema.optional(),
  overall: BetaWithLowerSchema,
  perClass: z.record(z.string(), BetaWithLowerSchema),
  history: z.array(z.looseObject({ at: z.string(), kind: z.string(), itemId: z.string().optional(), delta: z.number(), mean: z.number() })),
  scoredItems: z.number().int().nonnegative(),
  tier: z.unknown(),
  nextTier: z.unknown(),
  stake: z.unknown().optional(),
  multiplier: z.number(),
  reviewer: BetaSchema.nullable().optional(),
  canReview: z.boolean().optional(),
});
export type Reputation = z.infer<typeof ReputationSchema>;

/** GET /tiers: core/reputation's tier table as JSON (`tierTableToJson`: `minStake` a decimal string), the stake registry and the multiplier bounds. */
export const TiersSchema = z.looseObject({
  tokenDecimals: z.number().int().nonnegative(),
  tiers: z.array(z.looseObject({ tier: z.number().int(), name: z.string(), minStake: WeiStringSchema, taskLevel: z.number().int(), reviewer: z.boolean() })),
  stakeRegistry: AddressSchema.nullable().optional(),
  multiplierBounds: z.looseObject({ min: z.number().optional(), max: z.number().optional() }),
});
export type Tiers = z.infer<typeof TiersSchema>;

/** `:account` is checked by the hub (400 `invalid_address`). Public, like the rewards: a reputation is about work the hub already shows. */
export const reputationRoute = defineRoute({ method: 'GET', path: '/reputation/:account', access: 'anyone', params: z.object({ account: IdParamSchema }), response: ReputationSchema });

export const tiersRoute = defineRoute({ method: 'GET', path: '/tiers', access: 'anyone', response: TiersSchema });
