import { getAddress, hexlify, randomBytes, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/adapter';
import { openPostgresDb } from '../db/postgresDb';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { assignWork, type AssignContext } from '../tasks/assignWork';
import { recountOpenSlots } from '../tasks/openSlots';
import { createTestTask, signIn, startTestHub } from '../testKit';

const randomAddress = () => getAddress(hexlify(randomBytes(20)));

/** Largest first, then running sums: the m best-served wallets together, for every m. */
const topSums = (amounts: number[]) => {
  const sorted = [...amounts].sort((a, b) => b - a);
  return sorted.map((_, m) => sorted.slice(0, m + 1).reduce((s, n) => s + n, 0));
};

/**
 * Near the end of a pool the scarce-items rule gives each asker an equal
 * share of the work left, counting everyone who asked recently. Assignment
 * takes no task-row lock, so an attacker fires many wallets at the same
 * moment, hoping each request counts only the askers committed before it
 * plus itself — each then takes the whole cap (or a share sized as if it
 * were the only newcomer), and together they take far more of the tail
 * than the rule gives them one after another. The bound is the rule itself:
 * the same pool, the same honest askers, the same wallets asking one after
 * another on a twin task.
 */
describeOnPostgres('attack: wallets of one person asking at once split the tail of a pool', (url) => {
  const CAP = 10;
  const ITEMS = 60;
  const HONEST = 3;
  const WALLETS = 30;
  let hub: RunningHub;
  // A pool as wide as the burst, so the requests really run at the same time (the hub's own pool is small).
  let wide: Db;
  let ctx: AssignContext;
  let requesterToken: string;
  const requester = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], databaseUrl: url(), maxOpenAssignments: CAP });
    wide = await openPostgresDb(url(), WALLETS + 5);
    ctx = { ...hub.context, db: wide };
    requesterToken = await signIn(hub, requester);
  }, 180_000);
  afterAll(async () => {
    await wide?.close();
    await hub?.close();
  });

  /** A task of ITEMS items, one slot each; HONEST askers hold 2 each and asked recently. Returns the task. */
  async function poolWithHonestAskers(): Promise<string> {
    const { taskId } = await createTestTask(hub, requesterToken, ITEMS, 1);
    for (let h = 0; h < HONEST; h++) expect(await assignWork(ctx, randomAddress(), taskId, 2)).toHaveLength(2);
    return taskId;
  }

  it('30 wallets asking at once get no more, together or any m of them, than asking one after another', async () => {
    // The rule's own answer: the wallets one after another (each asks for the cap).
    const sequentialTask = await poolWithHonestAskers();
    const sequential: number[] = [];
    for (let w = 0; w < WALLETS; w++) sequential.push((await assignWork(ctx, randomAddress(), sequentialTask, CAP)).length);
    // The tail binds here: later wallets get less than the cap (else the scenario would test nothing).
    expect(Math.min(...sequential)).toBeLessThan(CAP);

    const burstTask = await poolWithHonestAskers();
    const burst = (await Promise.all(Array.from({ length: WALLETS }, () => assignWork(ctx, randomAddress(), burstTask, CAP)))).map((items) => items.length);

    // No wallet above the largest share the rule gives, and for every m the m best-served wallets of the burst
    // together hold no more than the m best-served of the sequence (so the whole burst no more than the sequence).
    expect(Math.max(...burst)).toBeLessThanOrEqual(Math.max(...sequential));
    const [burstSums, sequentialSums] = [topSums(burst), topSums(sequential)];
    for (let m = 0; m < WALLETS; m++) expect(burstSums[m], `the ${m + 1} best-served wallets: burst ${JSON.stringify(burst)} vs one after another ${JSON.stringify(sequential)}`).toBeLessThanOrEqual(sequentialSums[m]!);

    // The counters still equal a recount, no item past k.
    const check = await recountOpenSlots(wide, burstTask);
    expect(check.counter).toBe(check.recount);
    expect(check.itemsDrift).toBe(0);
  }, 180_000);
});
