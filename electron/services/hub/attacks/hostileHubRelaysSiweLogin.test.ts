import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groundworkConfig, startHostileHub, type HostileHub } from './hostileHub';
import { workstationUnderTest } from './workstationUnderTest';

// A hub asks the workstation to sign a SIWE login for another website (the
// domain in its /config): if the workstation signed it, the hub could relay
// the message and signature there and be logged in as the user.
const REWARDS = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const FOREIGN = 'app.other-website.example';

let hostile: HostileHub;
let ws: ReturnType<typeof workstationUnderTest>;
beforeEach(async () => {
  hostile = await startHostileHub({});
  ws = workstationUnderTest();
});
afterEach(async () => {
  await ws.dispose();
  await hostile.close();
});

describe('attack: a hostile hub relays a SIWE login to another website', () => {
  it('refuses to connect to a hub announcing a foreign SIWE domain, naming both domains; nothing is signed', async () => {
    hostile.config = groundworkConfig(hostile.url, { chainId: 31337, rewardsContract: REWARDS, token: TOKEN, siweDomain: FOREIGN });
    const own = new URL(hostile.url).host;
    const refused = await ws.hub.connect({ hubUrl: hostile.url, makeDefault: false }).then(() => null, (e: unknown) => e as Error & { details: unknown });
    expect(refused?.message).toContain(FOREIGN);
    expect(refused?.message).toContain(own);
    expect(refused?.details).toMatchObject({ code: 'foreign-siwe-domain', hubDomain: own, siweDomain: FOREIGN });
    // A direct sign-in is refused the same way (and the hub was never pinned either).
    await expect(ws.hub.signIn({ hubUrl: hostile.url })).rejects.toMatchObject({ details: { code: 'foreign-siwe-domain' } });
    expect(await ws.registry.get(hostile.url)).toBeNull();
    expect(ws.signed).toEqual([]);
    expect(hostile.verified).toEqual([]);
    expect(hostile.requests).not.toContain('POST /auth/nonce');
  });

  it('signs in to a trusted hub for its own host, URI and pinned chain only, and refuses once it switches the domain', async () => {
    hostile.config = groundworkConfig(hostile.url, { chainId: 31337, rewardsContract: REWARDS, token: TOKEN });
    const connected = await ws.hub.connect({ hubUrl: hostile.url, makeDefault: false });
    expect(connected.status).toBe('needs-confirmation');
    if (connected.status !== 'needs-confirmation') return;
    await ws.hub.confirmTrust({ hubUrl: hostile.url, proposalId: connected.proposal.proposalId });

    await ws.hub.signIn({ hubUrl: hostile.url });
    const [message] = hostile.verified;
    expect(message!.split('\n')[0]).toBe(`${new URL(hostile.url).host} wants you to sign in with your Ethereum account:`);
    expect(message).toContain(`URI: ${hostile.url}\n`);
    expect(message).toContain('Chain ID: 31337\n');

    // Later the hub asks for another website's login: refused before the nonce is even asked for.
    ws.registry.dropAllSessions();
    hostile.config = { ...hostile.config, siweDomain: FOREIGN };
    const signedBefore = ws.signed.length;
    const requestsBefore = hostile.requests.length;
    await expect(ws.hub.signIn({ hubUrl: hostile.url })).rejects.toMatchObject({ details: { code: 'foreign-siwe-domain', siweDomain: FOREIGN } });
    await expect(ws.hub.listTasks({ hubUrl: hostile.url })).rejects.toMatchObject({ message: expect.stringContaining(FOREIGN) });
    expect(ws.signed.length).toBe(signedBefore);
    expect(hostile.verified).toHaveLength(1);
    expect(hostile.requests.slice(requestsBefore).every((r) => r === 'GET /config')).toBe(true);
  });
});
