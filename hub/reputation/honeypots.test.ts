import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const [right, wrong] = [Wallet.createRandom(), Wallet.createRandom()];
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
    for (const w of [right, wrong, fairReviewer, sloppyReviewer]) tokens[w.address] = await signIn(hub, w);
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

  it('scores a submission for a honeypot at once against the known answer: right goes up, wrong goes down', async () => {
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: taskBody([
        { sha256: media[0], shapes: [box('car', 10, 10)] },
        { sha256: media[1], shapes: [box('car', 10, 10)] },
      ]),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskId = created.body.taskId;
    // Nothing tells annotators which items are honeypots.
    expect(JSON.stringify((await call(hub, 'GET', `/tasks/${taskId}`, { token: tokens[right.address] })).body)).not.toMatch(/honeypot/i);

    const assigned = await submit(right, () => [box('car', 10, 10)]);
    expect(assigned.items.every((it) => Object.keys(it).sort().join() === 'fileName,height,itemId,sha256,url,width')).toBe(true);
    // Before any other submission, hence before consensus: only the two honeypots count, each with weight 2.
    const r = await rep(right);
    expect(r.overall).toMatchObject({ alpha: 6, beta: 2 });
    expect(r.scoredItems).toBe(2);
    expect(r.history.map((h) => [h.kind, h.itemId])).toEqual([
      ['honeypot', itemOf[media[0]!]],
      ['honeypot', itemOf[media[1]!]],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    expect(r.history.every((h) => h.delta > 0)).toBe(true);

    await submit(wrong, () => [box('person', 10, 10)]);
    const w = await rep(wrong);
    expect(w.overall).toMatchObject({ alpha: 2, beta: 6 });
    expect(w.history.filter((h) => h.kind === 'honeypot').every((h) => h.delta < 0)).toBe(true);
    // The person drawn over the car is a class mistake: the car's class pays for it.
    expect(w.perClass.car!.beta).toBe(2 + 2 * 2);
  });

  it('decides honeypot items by consensus like any other, without scoring their annotators twice', async () => {
    await hub.context.consensusIdle();
    const statuses = await Promise.all(media.map(async (s) => (await call<{ status: string }>(hub, 'GET', `/items/${itemOf[s]}`, { token: tokens[right.address] })).body.status));
    expect(statuses).toEqual(['disputed', 'disputed', 'disputed']);
    const r = await rep(right);
    expect(r.scoredItems).toBe(2);
  });

  it("moves a reviewer's reputation by whether the verdict agrees with the known answer", async () => {
    const fair = await call(hub, 'POST', '/verdicts', { token: tokens[fairReviewer.address], json: await signedVerdict(hub, fairReviewer, taskId, itemOf[media[0]!]!, [box('car', 10, 10)]) });
    expect(fair.status, JSON.stringify(fair.body)).toBe(200);
    const sloppy = await call(hub, 'POST', '/verdicts', { token: tokens[sloppyReviewer.address], json: await signedVerdict(hub, sloppyReviewer, taskId, itemOf[media[1]!]!, [box('person', 10, 10)]) });
    expect(sloppy.status).toBe(200);
    expect((await rep(fairReviewer)).reviewer).toMatchObject({ alpha: 4, beta: 2 });
    expect((await rep(sloppyReviewer)).reviewer).toMatchObject({ alpha: 2, beta: 4 });
    expect((await rep(fairReviewer)).history.map((h) => h.kind)).toEqual(['review']);
    // The annotators were scored by the ground truth already, not again by the verdicts.
    expect((await rep(right)).scoredItems).toBe(2);
    // The third item (no known answer) is resolved and scored against the verdict.
    const third = await call(hub, 'POST', '/verdicts', { token: tokens[fairReviewer.address], json: await signedVerdict(hub, fairReviewer, taskId, itemOf[media[2]!]!, [box('car', 10, 10)]) });
    expect(third.status).toBe(200);
    const r = await rep(right);
    expect(r.scoredItems).toBe(3);
    expect(r.overall).toMatchObject({ alpha: 7, beta: 2 });
    expect(r.history.at(-1)).toMatchObject({ kind: 'verdict', itemId: itemOf[media[2]!] });
  });
});
