import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, createTestTask, signIn, startTestHub } from '../testKit';
import { labelTask } from '../verdicts/verdictTestKit';
import { scoreFinalItems } from './scoreFinalItems';
import { scoringRound } from './scoringRound';

/**
 * Scoring runs in rounds of a bounded number of items (one transaction each;
 * small on PGlite, whose one connection every request waits for): a backlog
 * larger than a round is scored whole, each item once.
 */
let hub: RunningHub;
const requester = Wallet.createRandom();
const annotators = Array.from({ length: 3 }, () => ({ wallet: Wallet.createRandom(), token: '' }));
beforeAll(async () => {
  // Scoring after decisions waits an hour here: the test runs it itself.
  hub = await startTestHub({ requesters: [requester.address], operators: [] }, { scoreDelaySeconds: 3600 });
  for (const a of annotators) a.token = await signIn(hub, a.wallet);
}, 180_000);
afterAll(async () => hub?.close(), 180_000);

it('a backlog of five decided items is scored in rounds of two, every annotator of every item once', async () => {
  expect(scoringRound(hub.context.db)).toBe(250);
  const { taskId } = await createTestTask(hub, await signIn(hub, requester), 5, 3);
  const itemIds = await labelTask(hub, taskId, annotators, 5, (_a, i) => [box('car', 10 + i, 10)]);
  const history = async () => (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reputation_history WHERE item_id = ANY($1::text[])`, [itemIds]))[0]!.n;
  expect(await history()).toBe(0);
  expect(await scoreFinalItems(hub.context, 2)).toBe(5);
  expect(await history()).toBe(15);
  const [unscored] = await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE id = ANY($1::text[]) AND reputation_scored_at IS NULL`, [itemIds]);
  expect(unscored!.n).toBe(0);
  expect(await scoreFinalItems(hub.context, 2)).toBe(0);
  expect(await history()).toBe(15);
}, 180_000);
