import type { FastifyRequest } from 'fastify';
import type { Account, Role } from '../auth/roles';
import type { HubContext } from '../context';
import { forbidden, notFound } from '../http/hubError';
import { shaParam } from '../media/mediaRoutes';
import type { AccessRule } from './accessRules';
import { itemRelation } from './itemRelation';
import { mediaGrant } from './mediaAccess';
import { requireReviewerRights } from './reviewerRights';

/** Checks one rule for a signed-in account; throws the refusal. */
type Check = (ctx: HubContext, req: FastifyRequest, account: Account) => Promise<void>;

function role(needed: Role): Check {
  return async (_ctx, _req, account) => {
    if (!account.roles.includes(needed)) throw forbidden('forbidden', `this needs the ${needed} role; ${account.address} has ${account.roles.join(', ')}`);
  };
}

const itemId = (req: FastifyRequest) => (req.params as { itemId: string }).itemId;

/** The enforcement of each rule of accessRules.ts; `anyone` never reaches here. */
export const CHECKS: Record<Exclude<AccessRule, 'anyone'>, Check> = {
  signedIn: async () => {},
  annotator: role('annotator'),
  requester: role('requester'),
  operator: role('operator'),
  reviewer: async (ctx, _req, account) => requireReviewerRights(ctx, account),
  'item.read': async (ctx, req, account) => {
    const relation = await itemRelation(ctx, account, itemId(req));
    if (relation === 'none') {
      throw forbidden('not_your_item', `${account.address} may not read item "${itemId(req)}": it is not assigned to them, not in a task they requested, and not a dispute they may review`);
    }
    req.itemView = relation === 'annotator' ? 'annotator' : 'full';
  },
  'item.lineage': async (ctx, req, account) => {
    const relation = await itemRelation(ctx, account, itemId(req));
    if (relation === 'annotator' || relation === 'none') {
      throw forbidden(
        'lineage_forbidden',
        `lineage (every submission and signature) of item "${itemId(req)}" is for the task's requester, operators and the reviewers of a disputed item they did not label; ${account.address} is ${relation === 'annotator' ? 'one of its annotators' : 'none of these'}`,
      );
    }
    req.itemView = 'full';
  },
  'task.owner': async (ctx, req, account) => {
    const taskId = (req.params as { taskId: string }).taskId;
    const [task] = await ctx.db.query<{ requester: string }>('SELECT requester FROM tasks WHERE id = $1', [taskId]);
    if (account.roles.includes('operator')) {
      if (!task) throw notFound('unknown_task', `no task "${taskId}" on this hub`);
      return;
    }
    // Not a 404 to others: whether a task id exists is public (GET /tasks lists them), what it holds is not.
    if (!task || task.requester.toLowerCase() !== account.address.toLowerCase()) {
      throw forbidden('not_your_task', `task "${taskId}" is for its requester and operators; ${account.address} is neither`);
    }
  },
  'media.read': async (ctx, req, account) => {
    const sha = shaParam(req.params);
    // The very answer of an unknown hash: a 403 would confirm the hub holds bytes anyone can hash.
    const grant = await mediaGrant(ctx, account, sha);
    if (!grant) throw notFound('unknown_media', `no media ${sha} on this hub`);
    req.mediaGrant = grant;
  },
};
