import { grantRoleRoute } from '../../../core/hubApi/roles';
import type { ServiceImpl } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { localNetworkService } from '../../common/services/localNetworkService';
import { normalizeHubUrl } from '../hub/hubHttp';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { localOperator } from './localHubAccounts';

/**
 * The host's actions on the local network it started. `ownHubUrl` is that
 * network's hub as the host started it, null when it started none: the
 * operator key is used against that one URL and nothing else — not a hub the
 * registry merely marks local, not another port on 127.0.0.1.
 */
export function createLocalNetworkService(ownHubUrl: string | null, keys: WalletKeys): ServiceImpl<typeof localNetworkService> {
  const own = ownHubUrl === null ? null : normalizeHubUrl(ownHubUrl);
  return {
    status: async () => ({ hubUrl: own }),
    makeMeReviewer: async ({ hubUrl }) => {
      const url = normalizeHubUrl(hubUrl);
      if (own === null || url !== own) {
        const why = own === null ? 'this workstation started no local network' : `its local network is ${own}`;
        throw new ServiceError(`${url} is not this workstation's own local network (${why}): there, roles are granted by the hub's operator`, { code: 'not-own-local-network' });
      }
      const address = await keys.address();
      if (!address) throw new ServiceError('there is no wallet yet: create or import one first', { code: 'no-wallet' });
      const granted = await localOperator().call(own, grantRoleRoute, { params: { address }, body: { role: 'reviewer' } });
      return { hubUrl: own, address, roles: granted.roles };
    },
  };
}
