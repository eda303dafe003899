import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/**
 * The attack: requester B holds a copy of a file (a leaked document, a
 * competitor's photo) and wants to know whether requester A put it on this
 * hub — or only knows its hash, from a dataset or an annotator. B asks the
 * publish route "which of these do you hold?", uploads garbage or the real
 * bytes under that hash, names it as an example image, or lists it as an
 * item of B's own task first. Every one of these answers B exactly as for a
 * hash the hub has never seen: the hub holds media FOR a requester only once
 * that requester sent the bytes themselves (media/heldMedia.ts).
 */
describe("attack: a requester probes whether the hub holds another requester's file", () => {
  let hub: RunningHub;
  const a = Wallet.createRandom();
  const b = Wallet.createRandom();
  let tokenA: string;
  let tokenB: string;
  const fileOf = (label: string) => {
    const bytes = Buffer.from(`${label} ${Math.random()}`);
    return { bytes, sha: createHash('sha256').update(bytes).digest('hex') };
  };
  /** Uploaded by A and not (yet) in a task; uploaded by A as an item of A's task. */
  const unpublished = fileOf('A: unpublished scan');
  const published = fileOf('A: item of a task');
  /** Uploaded by A; B holds a copy of the bytes. */
  const copied = fileOf('A: a file B has a copy of');
  const item = (f: { sha: string }, name: string) => ({ sha256: f.sha, fileName: name, width: 8, height: 8 });
  const publish = (token: string, patch: Record<string, unknown>) =>
    call<{ taskId?: string; error?: string; message?: string }>(hub, 'POST', '/tasks', { token, json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '10', ...patch } });

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [a.address, b.address], operators: [] });
    tokenA = await signIn(hub, a);
    tokenB = await signIn(hub, b);
    for (const f of [unpublished, published, copied]) expect((await call(hub, 'PUT', `/media/${f.sha}`, { token: tokenA, body: f.bytes })).status).toBe(201);
    expect((await publish(tokenA, { items: [item(published, 'a.png')] })).status).toBe(201);
  }, 60_000);
  afterAll(async () => hub?.close());

  /** The same answer with each file's own hash written as H. */
  const masked = (res: { status: number; body: unknown }, sha: string) => ({ status: res.status, body: JSON.parse(JSON.stringify(res.body).replaceAll(sha, 'H')) as unknown });

  it('asks POST /media/held: A’s files are answered like hashes the hub never saw', async () => {
    const never = fileOf('never uploaded');
    const res = await call<{ held: string[] }>(hub, 'POST', '/media/held', { token: tokenB, json: { sha256s: [unpublished.sha, published.sha, never.sha] } });
    expect(res).toEqual({ status: 200, body: { held: [] } });
    // A, who sent them, is told.
    expect((await call<{ held: string[] }>(hub, 'POST', '/media/held', { token: tokenA, json: { sha256s: [unpublished.sha, published.sha, never.sha] } })).body.held).toEqual([unpublished.sha, published.sha]);
  });

  it('uploads other bytes under A’s hash: refused exactly as under a hash the hub never saw', async () => {
    const never = fileOf('never uploaded either');
    for (const target of [unpublished, published]) {
      const probe = await call(hub, 'PUT', `/media/${target.sha}`, { token: tokenB, body: Buffer.from('guess') });
      const control = await call(hub, 'PUT', `/media/${never.sha}`, { token: tokenB, body: Buffer.from('guess') });
      expect(masked(probe, target.sha)).toEqual(masked(control, never.sha));
      expect(probe.status).toBe(400);
    }
  });

  it('uploads the real bytes (B holds a copy): answered as a new file, like bytes nobody sent before', async () => {
    const fresh = fileOf('B: a file of its own');
    const control = await call<{ size: number; sha256: string }>(hub, 'PUT', `/media/${fresh.sha}`, { token: tokenB, body: fresh.bytes });
    const probe = await call<{ size: number; sha256: string }>(hub, 'PUT', `/media/${copied.sha}`, { token: tokenB, body: copied.bytes });
    // Sizes are the files' own; everything else is the same.
    const shown = (res: typeof probe, f: { sha: string; bytes: Buffer }) => ({ status: res.status, body: { ...res.body, sha256: res.body.sha256 === f.sha, size: res.body.size === f.bytes.length } });
    expect(shown(probe, copied)).toEqual(shown(control, fresh));
    expect(control).toMatchObject({ status: 201, body: { created: true } });
  });

  it('names A’s file as an example image: the refusal of a hash the hub never saw', async () => {
    const own = fileOf('B: own item');
    await call(hub, 'PUT', `/media/${own.sha}`, { token: tokenB, body: own.bytes });
    const never = fileOf('absent example');
    const control = await publish(tokenB, { items: [item(own, 'own.png')], examples: [never.sha] });
    expect(control.body.error).toBe('unknown_example');
    for (const target of [unpublished, published]) {
      const probe = await publish(tokenB, { items: [item(own, 'own.png')], examples: [target.sha] });
      expect(masked(probe, target.sha)).toEqual(masked(control, never.sha));
    }
  });

  it('lists A’s hash as an item of B’s own task first: still not held for B', async () => {
    const own = fileOf('B: another own item');
    await call(hub, 'PUT', `/media/${own.sha}`, { token: tokenB, body: own.bytes });
    expect((await publish(tokenB, { title: 'lists a hash', items: [item(own, 'own.png'), item(published, 'theirs.png')] })).status).toBe(201);
    expect((await call<{ held: string[] }>(hub, 'POST', '/media/held', { token: tokenB, json: { sha256s: [published.sha, own.sha] } })).body.held).toEqual([own.sha]);
    const example = await publish(tokenB, { items: [item(own, 'own.png')], examples: [published.sha] });
    expect(example.body.error).toBe('unknown_example');
  });
});
