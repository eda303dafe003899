import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../common/contract/errors';
import type { ConnectResult, HubConfig, HubInfo, TrustProposal } from '../../common/services/hubService';
import { checkHubContracts } from '../chain/contractChecks';
import type { HubRegistry } from './hubRegistry';
import { candidateConfig, pinnedChanges } from './pinnedValues';
import { assertOwnSiweDomain, siweDomainOf } from './siweDomain';

/** A proposal waits this long for the user's answer. */
const PROPOSAL_WINDOW_MS = 10 * 60_000;

interface Held {
  proposal: TrustProposal;
  makeDefault: boolean;
  expiresAt: number;
}

/**
 * Trust on first use, like SSH host keys: the first connection proposes the
 * hub's chain, contracts, token, stake registry and RPC URL (checked over the
 * RPC) for the user to confirm; only a confirmation pins them. Later
 * connections compare the hub's /config with the pins; a difference is a new
 * proposal listing old → new, and the old pins stay in force until confirmed.
 */
export function createHubTrust(registry: HubRegistry, fetchConfig: (hubUrl: string) => Promise<HubConfig>, now: () => number = Date.now) {
  const held = new Map<string, Held>();

  function dropExpired() {
    for (const [id, h] of held) if (h.expiresAt <= now()) held.delete(id);
  }

  /** The hub as pinned (made the default when asked: the same values, pinned again). */
  async function trusted(hubUrl: string, pinned: HubConfig, makeDefault = false): Promise<ConnectResult> {
    const info = makeDefault ? await registry.remember(hubUrl, pinned, { makeDefault }) : (await registry.get(hubUrl))!;
    return { status: 'trusted', info };
  }

  async function connect(hubUrl: string, options: { rpcUrl?: string; makeDefault?: boolean } = {}): Promise<ConnectResult> {
    dropExpired();
    const announced = await fetchConfig(hubUrl);
    assertOwnSiweDomain(hubUrl, announced);
    const pinned = (await registry.get(hubUrl))?.config ?? null;
    const { config: candidate, rpcSource } = candidateConfig(announced, pinned, options.rpcUrl);
    if (pinned && pinnedChanges(pinned, candidate).length === 0) return trusted(hubUrl, pinned, options.makeDefault);

    const { config, checks, problems } = await checkHubContracts(candidate);
    if (problems.length > 0) {
      const messages = problems.map((p) => p.message);
      throw new ServiceError(`refused: ${hubUrl} cannot be trusted: ${messages.join('; ')}`, { code: problems[0]!.code, problems: messages });
    }
    const changes = pinned ? pinnedChanges(pinned, config) : [];
    if (pinned && changes.length === 0) return trusted(hubUrl, pinned, options.makeDefault);
    const proposal: TrustProposal = { proposalId: randomUUID(), hubUrl, siweDomain: siweDomainOf(hubUrl), config, rpcSource, checks, changes };
    held.set(proposal.proposalId, { proposal, makeDefault: options.makeDefault ?? false, expiresAt: now() + PROPOSAL_WINDOW_MS });
    return { status: 'needs-confirmation', proposal };
  }

  /** Pins exactly the values the user was shown. */
  async function confirm(hubUrl: string, proposalId: string): Promise<HubInfo> {
    dropExpired();
    const request = held.get(proposalId);
    if (!request || request.proposal.hubUrl !== hubUrl) {
      throw new ServiceError('this trust request is unknown or expired: connect to the hub again', { code: 'unknown-proposal' });
    }
    held.delete(proposalId);
    return registry.remember(hubUrl, request.proposal.config, { makeDefault: request.makeDefault });
  }

  return { connect, confirm };
}

export type HubTrust = ReturnType<typeof createHubTrust>;
