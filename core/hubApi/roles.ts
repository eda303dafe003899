import { z } from 'zod';
import { AddressSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';
import { IdParamSchema } from './fields';

/** The roles an operator grants; `operator` itself comes from the hub's configuration only. */
export const GRANTED_ROLES = ['requester', 'reviewer'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

const RoleChangeSchema = z.object({
  address: AddressSchema,
  role: z.enum(GRANTED_ROLES),
  changed: z.boolean(),
  /** The account's roles now (config + granted). */
  roles: z.array(z.string()),
  signedInBefore: z.boolean(),
  /** A revoked role the hub's REQUESTERS list still gives. */
  stillFromConfig: z.boolean(),
});

/** `:address` is checked by the hub (400 `invalid_address`), as the `grant` command checks it. */
const roleRoute = <M extends 'POST' | 'DELETE'>(method: M) =>
  defineRoute({
    method,
    path: '/accounts/:address/roles',
    access: 'operator',
    params: z.object({ address: IdParamSchema }),
    body: z.object({ role: z.enum(GRANTED_ROLES) }),
    response: RoleChangeSchema,
  });

export const grantRoleRoute = roleRoute('POST');
export const revokeRoleRoute = roleRoute('DELETE');
