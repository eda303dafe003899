import { authNonceRoute, authVerifyRoute } from '../../../core/hubApi/auth';
import { configRoute } from '../../../core/hubApi/config';
import { requestOf, type RouteInput, type RouteResponse } from '../../../core/hubApi/route';
import type { HubConfig, HubInfo } from '../../common/services/hubService';
import type { WalletKeys } from '../wallet/walletServiceImpl';
import { callPublic, hubFetch, hubJson, HubRequestError, jsonOf, routeAnswer, routeRequest, type HubRequest, type JsonRoute } from './hubHttp';
import type { MediaSession } from './mediaFetch';
import type { HubRegistry } from './hubRegistry';
import { candidateConfig, configChangedError, pinnedChanges, untrustedHubError } from './pinnedValues';
import { assertOwnSiweDomain, siweDomainOf } from './siweDomain';
import { siweMessage } from './siweMessage';

/** A signed-in session is asked to live this long; the hub may cut it shorter. */
const SIGN_IN_VALIDITY_MS = 10 * 60_000;

export interface HubClientOptions {
  /**
   * Pin a hub's /config on first use without asking. Only for the local
   * network's own role clients (operator, requester): that hub runs on this
   * machine against contracts this workstation deployed itself.
   */
  pinOnFirstUse?: boolean;
}

/**
 * Hub calls with the workstation's identity: fetching a hub's config, SIWE
 * sign-in with the unlocked wallet, and authenticated calls that sign in
 * again once when the hub says the session is gone (401). Everything signed
 * uses the hub's pinned values, never a live /config.
 */
export function createHubClient(registry: HubRegistry, keys: WalletKeys, options: HubClientOptions = {}) {
  /** The live /config; `timeoutMs` for reads that have a fallback (prepareBatch's limits). A foreign shape is refused (`bad_config`), not retried. */
  async function fetchConfig(hubUrl: string, timeoutMs?: number): Promise<HubConfig> {
    const raw = await hubJson<unknown>(hubUrl, requestOf(configRoute).path, { timeoutMs });
    const parsed = configRoute.response.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HubRequestError({ kind: 'rejected', code: 'bad_config', reason: `${hubUrl}/config is not a Groundwork hub config: ${issue.path.join('.')}: ${issue.message}` });
    }
    return parsed.data;
  }

  /** The hub's pinned values (so signing works offline); a hub the user never confirmed is refused. */
  async function configOf(hubUrl: string, live?: HubConfig): Promise<HubConfig> {
    const pinned = (await registry.get(hubUrl))?.config;
    if (pinned) return pinned;
    if (options.pinOnFirstUse) return (await registry.remember(hubUrl, live ?? (await fetchConfig(hubUrl)))).config;
    throw untrustedHubError(hubUrl);
  }

  /**
   * SIWE for the pinned hub: the domain is the host of the hub URL, the URI the
   * hub URL, the chain id the pinned one. The live /config is read first and a
   * foreign SIWE domain or a change of a pinned value refuses before anything is signed.
   */
  async function signIn(hubUrl: string): Promise<HubInfo> {
    const signer = keys.signer();
    // The live /config first: an unreachable hub is a network failure (retry later) before anything else.
    const live = await fetchConfig(hubUrl);
    assertOwnSiweDomain(hubUrl, live);
    const config = await configOf(hubUrl, live);
    const changes = pinnedChanges(config, candidateConfig(live, config).config);
    if (changes.length > 0) throw configChangedError(hubUrl, changes);
    const { nonce } = await callPublic(hubUrl, authNonceRoute);
    const now = new Date();
    const message = siweMessage({
      domain: siweDomainOf(hubUrl),
      address: signer.address,
      uri: hubUrl,
      chainId: config.chainId,
      nonce,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_VALIDITY_MS),
    });
    const signature = await signer.signMessage(message);
    const session = await callPublic(hubUrl, authVerifyRoute, { body: { message, signature } });
    registry.setSession(hubUrl, { token: session.token, address: session.address, roles: session.roles });
    return (await registry.get(hubUrl))!;
  }

  /** A session token of the wallet now unlocked: signs in first when there is none (or it is another key's). */
  async function sessionToken(hubUrl: string): Promise<string> {
    const current = registry.session(hubUrl);
    let unlockedAddress: string | null = null;
    try {
      unlockedAddress = keys.signer().address;
    } catch {
      // locked: an existing session may still be used
    }
    if (!current || (unlockedAddress !== null && current.address.toLowerCase() !== unlockedAddress.toLowerCase())) await signIn(hubUrl);
    return registry.session(hubUrl)!.token;
  }

  /** A raw call as the signed-in wallet; signs in again once when the hub says the session is gone (401). */
  async function authedFetch(hubUrl: string, path: string, request: HubRequest = {}, headers: Record<string, string> = {}): Promise<Response> {
    try {
      return await hubFetch(hubUrl, path, { ...request, token: await sessionToken(hubUrl) }, headers);
    } catch (error) {
      if (!(error instanceof HubRequestError) || error.failure.status !== 401) throw error;
      registry.dropSession(hubUrl);
      await signIn(hubUrl);
      return hubFetch(hubUrl, path, { ...request, token: registry.session(hubUrl)!.token }, headers);
    }
  }

  /** A JSON call as the signed-in wallet. */
  async function authed<T>(hubUrl: string, path: string, request: HubRequest = {}): Promise<T> {
    return jsonOf<T>(await authedFetch(hubUrl, path, request), `${hubUrl}${path}`);
  }

  /**
   * A JSON route of core/hubApi as the signed-in wallet: the request built
   * from the definition, the answer checked by its response schema (a wrong
   * shape is a HubRequestError of kind 'network', code 'bad_response').
   */
  async function call<R extends JsonRoute>(hubUrl: string, route: R, input: RouteInput = {}, request: Omit<HubRequest, 'method' | 'body'> = {}): Promise<RouteResponse<R>> {
    const { path, request: sent } = routeRequest(route, input, request);
    return routeAnswer(route, await authedFetch(hubUrl, path, sent), `${hubUrl}${path}`);
  }

  /** The session for media downloads, which follow the hub's redirect by hand and send the token only to the hub (mediaFetch.ts). */
  const mediaSession: MediaSession = {
    token: sessionToken,
    renew: async (hubUrl) => {
      registry.dropSession(hubUrl);
      await signIn(hubUrl);
      return registry.session(hubUrl)!.token;
    },
  };

  return { fetchConfig, configOf, signIn, call, authed, authedFetch, mediaSession };
}

export type HubClient = ReturnType<typeof createHubClient>;
