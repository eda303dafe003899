import { z } from 'zod';
import { Sha256Schema } from './fields';
import { defineRoute } from './route';

/** How many hashes one `POST /media/held` may ask about. */
export const MAX_HELD_QUERY = 1000;

/**
 * Which of these media the hub already holds FOR THE CALLER: hashes this
 * requester uploaded before (`PUT /media/:sha256`, bytes checked) and whose
 * bytes the hub still has. Someone else's file is never reported, held or
 * not — not even when one of the caller's tasks lists its hash, since a
 * task may list any hash — so a requester learns nothing about other
 * requesters' media (the rule of `GET /media`'s 404). A publishing
 * workstation uploads only the rest, and skips on resume what an
 * interrupted run already sent.
 */
export const heldMediaRoute = defineRoute({
  method: 'POST',
  path: '/media/held',
  access: 'requester',
  body: z.object({ sha256s: z.array(Sha256Schema).min(1).max(MAX_HELD_QUERY) }).strict(),
  /** The asked hashes that are held for the caller, each once, in the order asked. */
  response: z.object({ held: z.array(Sha256Schema) }),
});
