import { ServiceError } from '../../common/contract/errors';
import type { HubConfig } from '../../common/services/hubService';

/**
 * The only domain a SIWE message for this hub may name: the host of the URL
 * the user entered. Taking it from the hub's /config would let a hostile hub
 * have the wallet sign a login for another website and relay it there.
 */
export function siweDomainOf(hubUrl: string): string {
  return new URL(hubUrl).host;
}

/** Refuses a /config that announces another SIWE domain than the hub's own host; nothing is signed for such a hub. */
export function assertOwnSiweDomain(hubUrl: string, announced: Pick<HubConfig, 'siweDomain'>): void {
  const own = siweDomainOf(hubUrl);
  if (announced.siweDomain === undefined || announced.siweDomain.toLowerCase() === own.toLowerCase()) return;
  throw new ServiceError(
    `refused: ${hubUrl}/config asks for sign-in messages for "${announced.siweDomain}", but you connected to "${own}". ` +
      `Signing it could log you in to ${announced.siweDomain} as yourself; nothing was signed.`,
    { code: 'foreign-siwe-domain', hubDomain: own, siweDomain: announced.siweDomain },
  );
}
