import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';
import { listSuspectHoneypots } from './suspectHoneypots';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const [right, right2, wrong] = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
const [fairReviewer, sloppyReviewer] = [Wallet.createRandom(), Wallet.createRandom()];

interface Summary {
  alpha: number;
  beta: number;
  mean: number;
}
interface Rep {
  overall: Summary;
  perClass: Record<string, Summary>;
  history: { kind: string; itemId?: string; delta: number; mean: number }[];
  scoredItems: number;
  reviewer: Summary | null;
}

describe('honeypots (ground truth items)', () => {
  let hub: RunningHub;
  let requesterToken: string;
  const tokens: Record<string, string> = {};
  const media = [sha(9_000_001), sha(9_000_002), sha(9_000_003)];
  let taskId: string;
  const itemOf: Record<string, string> = {};
  const rep = async (w: AnyWallet) => (await call<Rep>(hub, 'GET', `/reputation/${w.address}`)).body;

  async function submit(w: AnyWallet, shapesFor: (sha256: string) => ReturnType<typeof box>[]) {
    const got = await call<{ items: { itemId: string; sha256: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[w.address], json: { count: 3 } });
    for (const it of got.body.items) itemOf[it.sha256] = it.itemId;
    const signed = await signedBatch(hub, w, taskId, got.body.items.map((it) => ({ itemId: it.itemId, shapes: shapesFor(it.sha256) })));
    expect((await call(hub, 'POST', '/batches', { token: tokens[w.address], json: signed })).status).toBe(200);
    return got.body;
  }

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
    requesterToken = await signIn(hub, requester);
    for (const w of [right, right2, wrong, fairReviewer, sloppyReviewer]) tokens[w.address] = await signIn(hub, w);
    const operatorToken = await signIn(hub, operator);
    for (const w of [fairReviewer, sloppyReviewer]) await call(hub, 'POST', `/accounts/${w.address}/roles`, { token: operatorToken, json: { role: 'reviewer' } });
  });
  afterAll(async () => hub?.close());

  const taskBody = (honeypots: unknown) => ({
    title: 'with ground truth',
    labelSchema: TEST_SCHEMA,
    redundancy: 2,
    rewardPerItem: '10',
    items: media.map((s, i) => ({ sha256: s, fileName: `g${i}.jpg`, width: 640, height: 480 })),
    honeypots,
  });

  it('refuses honeypots that name no item of the task or a class outside its schema, creating nothing', async () => {
    const tasksBefore = (await call<{ tasks: unknown[] }>(hub, 'GET', '/tasks', { token: requesterToken })).body.tasks.length;
    const stranger = await call<{ error: string }>(hub, 'POST', '/tasks', { token: requesterToken, json: taskBody([{ sha256: sha(1), shapes: [] }]) });
    expect([stranger.status, stranger.body.error]).toEqual([400, 'unknown_honeypot_item']);
    const badClass = await call<{ error: string; message: string }>(hub, 'POST', '/tasks', { token: requesterToken, json: taskBody([{ sha256: media[0], shapes: [box('truck', 1, 1)] }]) });
    expect([badClass.status, badClass.body.error]).toEqual([400, 'invalid_honeypot']);
    expect(badClass.body.message).toMatch(/honeypots\[0\]\.shapes\[0\].*truck/);
    expect((await call<{ tasks: unknown[] }>(hub, 'GET', '/tasks', { token: requesterToken })).body.tasks.length).toBe(tasksBefore);
  });

  it('scores honeypot submissions once the item’s submissions corroborate the known answer: right goes up, wrong goes down', async () => {
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        ...taskBody([
          { sha256: media[0], shapes: [box('car', 10, 10)] },
          { sha256: media[1], shapes: [box('car', 10, 10)] },
        ]),
        redundancy: 3,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskId = created.body.taskId;
    // Nothing tells annotators which items are honeypots.
    expect(JSON.stringify((await call(hub, 'GET', `/tasks/${taskId}`, { token: tokens[right.address] })).body)).not.toMatch(/honeypot/i);

    const assigned = await submit(right, () => [box('car', 10, 10)]);
    expect(assigned.items.every((it) => Object.keys(it).sort().join() === 'fileName,height,itemId,sha256,url,width')).toBe(true);
    // One submission of three: nothing corroborates the known answer yet, so it scores nobody.
    expect((await rep(right)).scoredItems).toBe(0);

    await submit(right2, () => [box('car', 10, 10)]);
    await submit(wrong, () => [box('person', 10, 10)]);
    // A reputation read answers from what is decided now (catchUp.ts): the decisions are queued jobs.
    await hub.context.consensusIdle();
    const r = await rep(right);
    // Two honeypots (weight 2 each) and the plain third item (weight 1), all accepted by consensus.
    expect(r.overall).toMatchObject({ alpha: 7, beta: 2 });
    expect(r.scoredItems).toBe(3);
    expect(r.history.filter((h) => h.kind === 'honeypot').map((h) => h.itemId).sort()).toEqual([itemOf[media[0]!], itemOf[media[1]!]].sort());
    expect(r.history.every((h) => h.delta > 0)).toBe(true);
    const w = await rep(wrong);
    expect(w.overall).toMatchObject({ alpha: 2, beta: 7 });
    expect(w.history.filter((h) => h.kind === 'honeypot').every((h) => h.delta < 0)).toBe(true);
    // The person drawn over the car is a class mistake: the car's class pays for it.
    expect(w.perClass.car!.beta).toBe(2 + 2 * 2 + 1);
    // Scored once: another look changes nothing.
    expect((await rep(right)).scoredItems).toBe(3);
  });

  it('waits for the verdict when the submissions split; the verdict that agrees with the known answer corroborates it, one that contradicts it leaves it suspect', async () => {
    const split = [sha(9_100_001), sha(9_100_002)];
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        ...taskBody(split.map((s) => ({ sha256: s, shapes: [box('car', 10, 10)] }))),
        items: split.map((s, i) => ({ sha256: s, fileName: `s${i}.jpg`, width: 640, height: 480 })),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskId = created.body.taskId;
    const [rightBefore, wrongBefore] = [await rep(right), await rep(wrong)];
    await submit(right, () => [box('car', 10, 10)]);
    await submit(wrong, () => [box('person', 10, 10)]);
    await hub.context.consensusIdle();
    const statuses = await Promise.all(split.map(async (s) => (await call<{ status: string }>(hub, 'GET', `/items/${itemOf[s]}`, { token: tokens[right.address] })).body.status));
    expect(statuses).toEqual(['disputed', 'disputed']);
    // One against one: the known answer is not corroborated, nobody is scored yet.
    expect((await rep(right)).scoredItems).toBe(rightBefore.scoredItems);
    expect((await rep(wrong)).scoredItems).toBe(wrongBefore.scoredItems);

    const fair = await call(hub, 'POST', '/verdicts', { token: tokens[fairReviewer.address], json: await signedVerdict(hub, fairReviewer, taskId, itemOf[split[0]!]!, [box('car', 10, 10)]) });
    expect(fair.status, JSON.stringify(fair.body)).toBe(200);
    // The reviewer sides with the known answer: it counts, for the annotators (weight 2) and the reviewer.
    expect((await rep(fairReviewer)).reviewer).toMatchObject({ alpha: 4, beta: 2 });
    expect((await rep(right)).overall.alpha).toBe(rightBefore.overall.alpha + 2);
    expect((await rep(wrong)).overall.beta).toBe(wrongBefore.overall.beta + 2);
    expect((await rep(wrong)).history.at(-1)).toMatchObject({ kind: 'honeypot', itemId: itemOf[split[0]!] });

    const against = await call(hub, 'POST', '/verdicts', { token: tokens[sloppyReviewer.address], json: await signedVerdict(hub, sloppyReviewer, taskId, itemOf[split[1]!]!, [box('person', 10, 10)]) });
    expect(against.status).toBe(200);
    // The verdict contradicts the known answer and no majority supports it: it scores nobody, the reviewer
    // included; the item is scored by its verdict like any other (weight 1).
    expect((await rep(sloppyReviewer)).reviewer).toBeNull();
    expect((await rep(right)).history.at(-1)).toMatchObject({ kind: 'verdict', itemId: itemOf[split[1]!] });
    expect((await rep(wrong)).history.at(-1)).toMatchObject({ kind: 'verdict', itemId: itemOf[split[1]!] });
    const suspect = await listSuspectHoneypots(hub.context);
    expect(suspect.map((h) => [h.taskId, h.itemId, h.requester])).toEqual([[taskId, itemOf[split[1]!], requester.address]]);
  });
});
