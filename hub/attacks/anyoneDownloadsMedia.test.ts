import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, type AccessScenario } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/**
 * Media is addressed by its sha256, which anyone holding the same file can
 * compute: a download must need a right to an item showing it, and a refusal
 * must look exactly like a hash the hub does not hold (404 unknown_media),
 * so probing does not reveal what a hub stores.
 */
describe('attack: any signed-in account downloads media by hash', () => {
  let s: AccessScenario;
  const absent = 'f'.repeat(64);
  beforeAll(async () => {
    s = await buildAccessScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  it('gets, for media it has no right to, the very answer of an absent hash', async () => {
    const unknown = await call(s.hub, 'GET', `/media/${absent}`, { token: s.token.unassigned });
    expect(unknown.status).toBe(404);
    for (const who of ['unassigned', 'otherRequester'] as const) {
      for (const sha of [s.media.disputed, s.media.accepted, s.media.open]) {
        const res = await call<{ error: string; message: string }>(s.hub, 'GET', `/media/${sha}`, { token: s.token[who] });
        expect(res.status, who).toBe(404);
        expect(res.body, who).toEqual({ error: 'unknown_media', message: `no media ${sha} on this hub` });
      }
    }
  });

  it('gets no ranges and no HEAD either', async () => {
    const range = await fetch(`${s.hub.url}/media/${s.media.open}`, { headers: { authorization: `Bearer ${s.token.unassigned}`, range: 'bytes=0-3' } });
    expect(range.status).toBe(404);
    await range.arrayBuffer();
    const head = await fetch(`${s.hub.url}/media/${s.media.open}`, { method: 'HEAD', headers: { authorization: `Bearer ${s.token.unassigned}` } });
    expect(head.status).toBe(404);
    const allowed = await fetch(`${s.hub.url}/media/${s.media.open}`, { headers: { authorization: `Bearer ${s.token.assigned}` } });
    // Read to the end: an unread body keeps the connection busy and the hub's close waiting.
    const size = (await allowed.arrayBuffer()).byteLength;
    expect(head.headers.get('content-length')).not.toBe(String(size));
  });

  it('is refused signed out', async () => {
    expect((await call(s.hub, 'GET', `/media/${s.media.disputed}`)).status).toBe(401);
  });

  it('as a reviewer, gets the media of a dispute but not of an accepted item', async () => {
    expect((await call(s.hub, 'GET', `/media/${s.media.disputed}`, { token: s.token.reviewer })).status).toBe(200);
    expect((await call(s.hub, 'GET', `/media/${s.media.accepted}`, { token: s.token.reviewer })).status).toBe(404);
  });

  it('downloads what it was assigned', async () => {
    const res = await fetch(`${s.hub.url}/media/${s.media.open}`, { headers: { authorization: `Bearer ${s.token.assigned}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toMatch(/^groundwork access scenario T /);
  });
});
