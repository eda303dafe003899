import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, CALLERS, type AccessScenario } from '../access/accessScenario';
import { startTestS3Server, useS3Media, type TestS3Server } from '../media/testS3Server';
import { startTestHub } from '../testKit';

/**
 * With media in object storage the hub answers a permitted download with a
 * presigned URL: a bearer grant to ONE object. The attacker is an annotator
 * assigned one item who edits its URL to reach another requester's file (the
 * sha256 is easy to learn), to live longer, or drops the signature. The
 * store refuses each (the signature covers the key and the lifetime); and
 * the hub hands out URLs by exactly the rules of the local store — no URL,
 * no hint, for anyone else.
 */
describe('attack: a presigned media URL is edited to reach another object', () => {
  let s3: TestS3Server;
  let s: AccessScenario;
  beforeAll(async () => {
    s3 = await startTestS3Server();
    s = await buildAccessScenario(async (config) => {
      const hub = await startTestHub(config);
      await useS3Media(hub, s3.settings());
      return hub;
    });
  }, 180_000);
  afterAll(async () => {
    await s?.hub.close();
    await s3?.close();
  }, 120_000);

  const ask = (who: (typeof CALLERS)[number], sha: string) =>
    fetch(`${s.hub.url}/media/${sha}`, { headers: s.token[who] ? { authorization: `Bearer ${s.token[who]}` } : {}, redirect: 'manual' });

  it('the store serves the URL as given, and refuses it for another key, a longer lifetime, or without its signature', async () => {
    const answer = await ask('assigned', s.media.open);
    expect(answer.status).toBe(302);
    const url = new URL(answer.headers.get('location')!);
    expect((await fetch(url)).status).toBe(200);
    // The other object is there: a refusal is the signature's, not a missing key's.
    expect(await s.hub.context.media.size(s.media.otherTask)).not.toBeNull();
    const otherKey = new URL(url.href.replace(s.media.open, s.media.otherTask));
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    const unsigned = new URL(url.pathname, url.origin);
    for (const [what, edited] of [['another key', otherKey], ['a longer lifetime', longer], ['no signature', unsigned]] as const) {
      const res = await fetch(edited);
      expect(res.status, what).toBe(403);
      expect(await res.text(), what).toMatch(/SignatureDoesNotMatch|AccessDenied/);
    }
  });

  it('hands out URLs by the same rules as when the hub streams the bytes: a redirect where it served them, the same refusal (no Location) elsewhere', async () => {
    const statuses = async () => {
      const got: string[] = [];
      for (const who of CALLERS) {
        for (const item of ['disputed', 'accepted', 'open', 'otherTask'] as const) {
          const res = await ask(who, s.media[item]);
          const body = await res.text();
          got.push(`${who} ${item} ${res.status} ${res.headers.get('location') ? 'location' : ''} ${res.status === 302 ? '' : body.length > 200 ? 'bytes' : body}`);
        }
      }
      return got;
    };
    await useS3Media(s.hub, s3.settings({ delivery: 'stream' }));
    const streamed = await statuses();
    await useS3Media(s.hub, s3.settings());
    const redirected = await statuses();
    expect(redirected).toEqual(streamed.map((line) => line.replace(/ 200  \S.*$/, ' 302 location ')));
    // Both kinds of answer occur: the comparison covers grants and refusals.
    expect(redirected.filter((l) => l.includes(' 302 location')).length).toBeGreaterThan(4);
    expect(redirected.filter((l) => l.includes(' 404 ')).length).toBeGreaterThan(4);
  });
});
