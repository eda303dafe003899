import { z } from 'zod';

/**
 * Field schemas several hub routes share. Addresses, 32-byte hex, signatures
 * and uint256 strings come from core/sync's wire schemas; these are the rest.
 */

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256 (64 digits)');
/** A path parameter the hub checks itself (answering its own code, e.g. `invalid_sha256`, `unknown_task`). */
export const IdParamSchema = z.string();
/** An ISO 8601 instant as the hub writes it (`Date.toISOString()`). */
export const IsoTimeSchema = z.string();
/** A whole number of wei as a decimal string (JSON has no bigints). */
export const WeiStringSchema = z.string().regex(/^\d{1,78}$/, 'a whole number of wei as a decimal string');
/** Item statuses, in the order the hub counts them. */
export const ITEM_STATUSES = ['open', 'accepted', 'disputed', 'resolved'] as const;
export const ItemStatusSchema = z.enum(ITEM_STATUSES);
export const StatusCountsSchema = z.object({ open: z.number().int(), accepted: z.number().int(), disputed: z.number().int(), resolved: z.number().int() });
