import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { HubUrlSchema } from './hubService';
import { AddressSchema } from './walletService';

/**
 * The local network this host started itself (`npm start` on a checkout
 * that knows no hub of its own: anvil, contracts and an embedded hub). The
 * host holds that devnet's operator key (anvil's public key 0), so it can do
 * for the user what an operator does on a real network; against any other
 * hub it does nothing. The key never leaves the host.
 */
export const localNetworkService = defineService(
  'localNetwork',
  {
    /** The hub URL of the local network this host started, or null when it started none (then every action here is refused). */
    status: method(z.object({}).strict(), z.object({ hubUrl: z.string().nullable() })),
    /**
     * The operator's grant of the reviewer role to this wallet (POST /accounts/:address/roles), on the
     * host's own local network only: any other hub URL, or a host that started none, is refused with
     * details { code: 'not-own-local-network' }; no wallet: { code: 'no-wallet' }. Answers the wallet's roles there now.
     */
    makeMeReviewer: method(z.object({ hubUrl: HubUrlSchema }).strict(), z.object({ hubUrl: z.string(), address: AddressSchema, roles: z.array(z.string()) })),
  },
  {},
);
