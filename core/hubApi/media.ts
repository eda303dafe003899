import { z } from 'zod';
import { IdParamSchema, Sha256Schema } from './fields';
import { defineRoute } from './route';

/** `:sha256` is checked by the hub itself (400 `invalid_sha256`). */
const MediaParams = z.object({ sha256: IdParamSchema });

/** The body is the media's bytes (`application/octet-stream`), refused unless they hash to `:sha256`; 201 when new, 200 when held already. */
export const putMediaRoute = defineRoute({
  method: 'PUT',
  path: '/media/:sha256',
  access: 'requester',
  params: MediaParams,
  response: z.object({ sha256: Sha256Schema, size: z.number().int().nonnegative(), created: z.boolean() }),
});

/** The bytes, `Range` supported (206/416); URL-only media answer 302. */
export const getMediaRoute = defineRoute({ method: 'GET', path: '/media/:sha256', access: 'media.read', params: MediaParams, response: null });
