import type { EventEmitterFor, ServiceImpl } from '../../common/contract/defineService';
import { authLogoutRoute } from '../../../core/hubApi/auth';
import { listDisputesRoute } from '../../../core/hubApi/disputes';
import { closeEpochRoute } from '../../../core/hubApi/epochs';
import { reputationRoute, tiersRoute } from '../../../core/hubApi/reputation';
import type { RouteInput, RouteResponse } from '../../../core/hubApi/route';
import { displayItemName } from '../../../core/hubApi/itemName';
import { assignWorkRoute, listTasksRoute } from '../../../core/hubApi/tasks';
import type { hubService, HubInfo } from '../../common/services/hubService';
import { ServiceError } from '../../common/contract/errors';
import { localOperator } from '../localNetwork/localHubAccounts';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { createBatchSigning } from './batchSigning';
import type { HubClient } from './hubClient';
import { callPublic, hubFetch, HubRequestError, normalizeHubUrl, routeRequest, type JsonRoute } from './hubHttp';
import type { HubRegistry } from './hubRegistry';
import { createHubTrust } from './hubTrust';
import { fetchTaskBrief } from './taskBrief';
import { createVerdictSigning } from './verdictSigning';

/** The hub service over the registry (known hubs, sessions), the authenticated client and two-step batch signing. */
export function createHubService(registry: HubRegistry, client: HubClient, keys: WalletKeys, emit: EventEmitterFor<typeof hubService>): ServiceImpl<typeof hubService> {
  const signing = createBatchSigning(client, keys);
  const verdicts = createVerdictSigning(client, keys);
  const trust = createHubTrust(registry, client.fetchConfig);
  const announce = (info: HubInfo) => {
    emit('changed', info);
    return info;
  };
  // Sessions belong to the key that opened them.
  keys.onLock(() => registry.dropAllSessions());

  /** Reads anyone may make (reputation, tiers): no sign-in, so a locked wallet still sees them; a hub that wants a session gets one. */
  async function readPublic<R extends JsonRoute>(hubUrl: string, route: R, input: RouteInput = {}): Promise<RouteResponse<R>> {
    try {
      return await callPublic(hubUrl, route, input);
    } catch (error) {
      if (error instanceof HubRequestError && error.failure.status === 401) return client.call(hubUrl, route, input);
      throw error;
    }
  }

  return {
    list: () => registry.list(),
    connect: async ({ hubUrl, rpcUrl, makeDefault }) => {
      const result = await trust.connect(normalizeHubUrl(hubUrl), { rpcUrl, makeDefault });
      if (result.status === 'trusted') announce(result.info);
      return result;
    },
    confirmTrust: async ({ hubUrl, proposalId }) => announce(await trust.confirm(normalizeHubUrl(hubUrl), proposalId)),
    signIn: async ({ hubUrl }) => announce(await client.signIn(normalizeHubUrl(hubUrl))),
    signOut: async ({ hubUrl }) => {
      const url = normalizeHubUrl(hubUrl);
      const session = registry.session(url);
      registry.dropSession(url);
      // Ends the session on the hub too, so the token is worthless if it leaked; best effort (offline sign-out still forgets it here).
      if (session) {
        const logout = routeRequest(authLogoutRoute, {}, { token: session.token, timeoutMs: 5_000 });
        await hubFetch(url, logout.path, logout.request).catch(() => undefined);
      }
      const info = await registry.get(url);
      if (!info) throw new HubRequestError({ kind: 'rejected', code: 'unknown_hub', reason: `not connected to ${url}` });
      return announce(info);
    },
    listTasks: async ({ hubUrl }) => (await client.call(normalizeHubUrl(hubUrl), listTasksRoute)).tasks,
    taskBrief: ({ hubUrl, taskId }) => fetchTaskBrief(client, normalizeHubUrl(hubUrl), taskId),
    requestAssignment: async ({ hubUrl, taskId, count }) => {
      const { items } = await client.call(normalizeHubUrl(hubUrl), assignWorkRoute, { params: { taskId }, body: { count } });
      // A hub's file names are display text: cleaned here, once, before anything stores or shows them.
      return { items: items.map((item) => ({ ...item, fileName: displayItemName(item.fileName) })) };
    },
    prepareBatch: ({ hubUrl, taskId, items }) => signing.prepare(normalizeHubUrl(hubUrl), taskId, items),
    signBatch: ({ requestId }) => signing.sign(requestId),
    uploadSigned: ({ signed }) => signing.upload({ ...signed, hubUrl: normalizeHubUrl(signed.hubUrl) }),
    listDisputes: async ({ hubUrl, taskId }) => (await client.call(normalizeHubUrl(hubUrl), listDisputesRoute, { query: { taskId } })).disputes,
    prepareVerdict: (input) => verdicts.prepare({ ...input, hubUrl: normalizeHubUrl(input.hubUrl) }),
    signVerdict: ({ requestId }) => verdicts.sign(requestId),
    uploadVerdict: ({ signed }) => verdicts.upload({ ...signed, hubUrl: normalizeHubUrl(signed.hubUrl) }),
    getReputation: async ({ hubUrl, account }) => {
      const who = account ?? (await keys.address());
      if (!who) throw new ServiceError('there is no wallet yet: create or import one to have a reputation', { code: 'no-wallet' });
      return readPublic(normalizeHubUrl(hubUrl), reputationRoute, { params: { account: who } });
    },
    getTiers: async ({ hubUrl }) => readPublic(normalizeHubUrl(hubUrl), tiersRoute),
    closeLocalEpoch: async ({ hubUrl }) => {
      const url = normalizeHubUrl(hubUrl);
      if (!(await registry.get(url))?.local) throw new ServiceError(`${url} is not this machine's local network: epochs are closed by its operator`, { code: 'not-local' });
      return localOperator().call(url, closeEpochRoute);
    },
  };
}
