import { z } from 'zod';
import { AddressSchema, SignatureSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';

/** Roles as the hub derives them at every request (configured ∪ granted). */
const RolesSchema = z.array(z.string());

export const authNonceRoute = defineRoute({ method: 'POST', path: '/auth/nonce', access: 'anyone', response: z.object({ nonce: z.string().min(1) }) });

export const authVerifyRoute = defineRoute({
  method: 'POST',
  path: '/auth/verify',
  access: 'anyone',
  /** An EIP-4361 message (domain = the hub's `siweDomain`) and its personal_sign signature. */
  body: z.object({ message: z.string().min(1).max(4096), signature: SignatureSchema }),
  response: z.object({ token: z.string().min(1), address: AddressSchema, roles: RolesSchema }),
});

export const authMeRoute = defineRoute({ method: 'GET', path: '/auth/me', access: 'signedIn', response: z.object({ address: AddressSchema, roles: RolesSchema }) });

/** Ends this session only (other sessions of the account stay). */
export const authLogoutRoute = defineRoute({
  method: 'POST',
  path: '/auth/logout',
  access: 'signedIn',
  response: z.object({ loggedOut: z.literal(true), address: AddressSchema }),
});
