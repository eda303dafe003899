import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import type { LocalMediaStore } from './mediaStore';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/** POST /media/held: what a publishing workstation need not upload again (core/hubApi/requesterMedia.ts). */
describe('media held for a requester', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const other = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  const token: Record<'requester' | 'other' | 'annotator', string> = { requester: '', other: '', annotator: '' };

  const file = (label: string) => {
    const bytes = Buffer.from(`held media test ${label} ${Math.random()}`);
    return { bytes, sha: createHash('sha256').update(bytes).digest('hex') };
  };
  const put = (who: keyof typeof token, f: { bytes: Buffer; sha: string }) => call<{ created: boolean; error?: string }>(hub, 'PUT', `/media/${f.sha}`, { token: token[who], body: f.bytes });
  const held = (who: keyof typeof token, sha256s: unknown) => call<{ held: string[]; error?: string }>(hub, 'POST', '/media/held', { token: token[who], json: { sha256s } });

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address, other.address], operators: [] });
    token.requester = await signIn(hub, requester);
    token.other = await signIn(hub, other);
    token.annotator = await signIn(hub, annotator);
  }, 180_000);
  afterAll(async () => hub?.close());

  it('answers the hashes this requester uploaded, in the order asked, each once', async () => {
    const [a, b, absent] = [file('a'), file('b'), file('absent')];
    expect((await put('requester', a)).status).toBe(201);
    expect((await put('requester', b)).status).toBe(201);
    const res = await held('requester', [absent.sha, b.sha, a.sha, b.sha]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ held: [b.sha, a.sha] });
  });

  it('says `created` per requester: a second upload of one’s own file is 200, the first upload by another requester 201', async () => {
    const f = file('twice');
    expect((await put('requester', f)).body.created).toBe(true);
    const again = await put('requester', f);
    expect([again.status, again.body.created]).toEqual([200, false]);
    // The other requester sends the same bytes: new FOR THEM, whatever the hub held.
    const theirs = await put('other', f);
    expect([theirs.status, theirs.body.created]).toEqual([201, true]);
    expect((await held('other', [f.sha])).body.held).toEqual([f.sha]);
  });

  it('checks the bytes even when the hub holds the hash: other bytes are refused as for an absent hash', async () => {
    const f = file('checked');
    await put('requester', f);
    const wrong = await call<{ error: string }>(hub, 'PUT', `/media/${f.sha}`, { token: token.requester, body: Buffer.from('other bytes') });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'media_hash_mismatch']);
    const bytes = await fetch(`${hub.url}/media/${f.sha}`, { headers: { authorization: `Bearer ${token.requester}` } });
    // Not readable yet (no task lists it), but still the original on disk.
    expect(bytes.status).toBe(404);
    await bytes.arrayBuffer();
    expect(await readFile(path.join((hub.context.media as LocalMediaStore).dir, f.sha))).toEqual(f.bytes);
  });

  it('does not count a file whose bytes are gone from the hub’s disk', async () => {
    const f = file('lost');
    await put('requester', f);
    await rm(path.join((hub.context.media as LocalMediaStore).dir, f.sha));
    expect((await held('requester', [f.sha])).body.held).toEqual([]);
    expect((await put('requester', f)).status).toBe(200);
    expect((await held('requester', [f.sha])).body.held).toEqual([f.sha]);
  });

  it('counts an own upload as held after a task lists it, and never a hash a task merely lists', async () => {
    const uploaded = file('in task');
    const listedOnly = file('listed only');
    await put('requester', uploaded);
    const task = await call(hub, 'POST', '/tasks', {
      token: token.requester,
      json: {
        title: 'held',
        labelSchema: TEST_SCHEMA,
        redundancy: 1,
        rewardPerItem: '1',
        items: [uploaded, listedOnly].map((f, i) => ({ sha256: f.sha, fileName: `${i}.png`, width: 8, height: 8 })),
      },
    });
    expect(task.status).toBe(201);
    expect((await held('requester', [uploaded.sha, listedOnly.sha])).body.held).toEqual([uploaded.sha]);
  });

  it('refuses a bad body and callers without the requester role', async () => {
    expect((await held('requester', [])).body.error).toBe('invalid_body');
    expect((await held('requester', ['ABC'])).body.error).toBe('invalid_body');
    expect((await held('requester', Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(64, '0')))).body.error).toBe('invalid_body');
    expect((await held('annotator', [file('x').sha])).status).toBe(403);
    expect((await call(hub, 'POST', '/media/held', { json: { sha256s: [file('y').sha] } })).status).toBe(401);
  });
});
