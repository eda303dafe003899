import type { MediaGrant } from './mediaAccess';

/**
 * Who may call a route: every hub route names one of these in its options
 * (`config: { access: 'item.read' }`), `installAccess` refuses to start a
 * hub with a route that names none, and `guards.ts` enforces each one.
 * The README's HTTP API table is this list, route by route.
 */
export const ACCESS_RULES = {
  anyone: 'anyone, signed in or not',
  signedIn: 'any signed-in account',
  annotator: 'any signed-in account (everyone is an annotator)',
  requester: 'the requester role (REQUESTERS)',
  operator: 'the operator role (OPERATORS)',
  reviewer: 'the reviewer role (granted by an operator) or a tier with reviewing',
  'item.read':
    "the task's requester, operators, reviewers of a disputed item they were not assigned (and the reviewer who resolved it); its assigned annotators get their own view only",
  'item.lineage': "the task's requester, operators, reviewers of a disputed item they were not assigned (and the reviewer who resolved it)",
  'task.owner': "the task's requester and operators (an unknown task answers 404 to them, 403 to everyone else)",
  'media.read':
    'annotators assigned an item with that media, requesters of a task containing it, reviewers of a disputed item with it they were not assigned, operators; anyone else gets the 404 of an unknown hash',
} as const;

export type AccessRule = keyof typeof ACCESS_RULES;

/** How much of an item a caller may see (set by the item guards for the route). */
export type ItemView = 'full' | 'annotator';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    itemView?: ItemView;
    /** What the `media.read` guard found the caller may get for the hash (access/mediaAccess.ts). */
    mediaGrant?: MediaGrant;
  }
}

export function isAccessRule(value: unknown): value is AccessRule {
  return typeof value === 'string' && Object.hasOwn(ACCESS_RULES, value);
}
