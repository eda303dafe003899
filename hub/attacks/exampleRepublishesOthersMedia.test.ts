import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/**
 * The attack: example images are shown to every signed-in account. A
 * requester who knows the hash of another requester's item (as one of its
 * annotators, say) lists it as an "example" of their own task, and the hub
 * serves those bytes to anyone — or at least confirms it holds them. An
 * example must be media the hub holds that is not another requester's item;
 * that refusal reads exactly like an absent hash, and the examples route
 * serves only the hashes its task lists.
 */
describe("attack: a requester publishes another requester's media as an example", () => {
  let hub: RunningHub;
  const victim = Wallet.createRandom();
  const thief = Wallet.createRandom();
  let victimToken: string;
  let thiefToken: string;
  let secret: string;
  let victimTask: string;

  const upload = async (token: string, label: string) => {
    const bytes = Buffer.from(`${label} ${Math.random()}`);
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect((await call(hub, 'PUT', `/media/${hash}`, { token, body: bytes })).status).toBe(201);
    return hash;
  };
  const publish = (token: string, patch: Record<string, unknown>) =>
    call<{ taskId: string; error?: string; message?: string }>(hub, 'POST', '/tasks', { token, json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '10', ...patch } });

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [victim.address, thief.address], operators: [] });
    victimToken = await signIn(hub, victim);
    thiefToken = await signIn(hub, thief);
    secret = await upload(victimToken, 'confidential item');
    victimTask = (await publish(victimToken, { items: [{ sha256: secret, fileName: 'secret.png', width: 8, height: 8 }] })).body.taskId;
  }, 60_000);
  afterAll(async () => hub?.close());

  it("refuses another requester's item as an example with the answer of an absent hash", async () => {
    const ownItem = await upload(thiefToken, 'own');
    const items = [{ sha256: ownItem, fileName: 'own.png', width: 8, height: 8 }];
    const stolen = await publish(thiefToken, { items, examples: [secret] });
    const absentHash = 'f'.repeat(64);
    const absent = await publish(thiefToken, { items, examples: [absentHash] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('unknown_example');
    expect({ status: absent.status, error: absent.body.error, message: absent.body.message?.replaceAll(absentHash, 'H') }).toEqual({
      status: stolen.status,
      error: stolen.body.error,
      message: stolen.body.message?.replaceAll(secret, 'H'),
    });
    // The owner may use their own item as an example.
    expect((await publish(victimToken, { items: [{ sha256: await upload(victimToken, 'other'), fileName: 'o.png', width: 8, height: 8 }], examples: [secret] })).status).toBe(201);
  });

  it('serves only the hashes a task lists, whatever the hub holds', async () => {
    const exampleHash = await upload(thiefToken, 'a real example');
    const itemHash = await upload(thiefToken, 'item');
    const { taskId } = (await publish(thiefToken, { items: [{ sha256: itemHash, fileName: 'i.png', width: 8, height: 8 }], examples: [exampleHash] })).body;
    expect((await call(hub, 'GET', `/tasks/${taskId}/examples/${exampleHash}`, { token: thiefToken })).status).toBe(200);
    for (const path of [`/tasks/${taskId}/examples/${secret}`, `/tasks/${taskId}/examples/${itemHash}`, `/tasks/${victimTask}/examples/${secret}`]) {
      const res = await call<{ error: string }>(hub, 'GET', path, { token: thiefToken });
      expect({ path, status: res.status, error: res.body.error }).toEqual({ path, status: 404, error: 'unknown_example' });
    }
  });
});
